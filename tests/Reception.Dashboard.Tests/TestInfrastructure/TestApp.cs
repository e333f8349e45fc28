using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>
/// The real app on real Kestrel (a free loopback port) with its own SQLite file in a temp folder,
/// so every test starts from a fresh, migrated database and tests run in parallel.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly bool _seedDemoData;
    private readonly string _environment;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;
    private readonly IReadOnlyDictionary<string, string>? _settings;

    public TestApp(
        bool seedDemoData = false,
        string environment = "Production",
        TimeProvider? clock = null,
        string? folder = null,
        Action<IServiceCollection>? services = null,
        bool createRoot = true,
        int port = 0,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings;
        _services = services;
        _folder = folder ?? Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        _seedDemoData = seedDemoData;
        _environment = environment;
        _clock = clock;
        Directory.CreateDirectory(_folder);
        UseKestrel(port);
        StartServer();
        // Task.Run keeps the blocking wait off xunit's synchronisation context.
        Root = createRoot ? Task.Run(EnsureRootAsync).GetAwaiter().GetResult() : null!;
    }

    public const string RootUserName = "root";
    public const string Password = "test-password-1";

    /// <summary>A system administrator, signed in; <see cref="Http"/> and <see cref="HubConnection()"/> act as them.</summary>
    public TestUser Root { get; }

    public string Folder => _folder;
    public string DatabasePath => Path.Combine(_folder, "reception.db");

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Keep the folder when the app is disposed, for tests that restart on the same database.</summary>
    public bool KeepFolder { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Found from the solution file, so the app starts whatever the current directory is (the bench runs from the repo root).
        builder.UseSolutionRelativeContentRoot("src/Reception.Dashboard");
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Path", DatabasePath);
        builder.UseSetting("Database:SeedDemoData", _seedDemoData.ToString());
        builder.UseSetting("Realtime:HeartbeatInterval", "00:00:01");
        // Tests sign many people in from one address; the limit itself has its own test.
        builder.UseSetting("RateLimits:SignInPerMinute", "10000");
        foreach (var (key, value) in _settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            // Stopping the app stands for the server going away: don't wait for open connections.
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
            if (_clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(_clock);
            }

            _services?.Invoke(services);
        });
    }

    /// <summary>A client signed in as <see cref="Root"/>.</summary>
    public HttpClient Http() => Client(Root.Cookies);

    /// <summary>A client with its own cookies, signed in as nobody until it signs in; it reads English unless told otherwise.</summary>
    public HttpClient Client(CookieContainer? cookies = null, string language = "en")
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public HubConnection HubConnection() => HubConnection(Root.Cookies);

    public HubConnection HubConnection(CookieContainer cookies, string? token = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(BaseAddress, "/hubs/board"), o =>
        {
            o.Cookies = cookies;
            o.Headers["Accept-Language"] = "en"; // refusals are worded in the connection's language
            if (token is not null)
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }
        })
        .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
        .Build();

    private async Task<TestUser> EnsureRootAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var exists = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByNameAsync(RootUserName) is not null;
        return exists ? await SignInAsync(RootUserName) : await CreateUserAsync(RootUserName, systemAdmin: true);
    }

    /// <summary>Creates a user holding <paramref name="roles"/> at <paramref name="siteId"/>, and signs them in.</summary>
    public async Task<TestUser> CreateUserAsync(string userName, Guid? siteId = null, bool systemAdmin = false, params SiteRole[] roles)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = userName, DisplayName = userName, SystemAdmin = systemAdmin };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            if (roles.Length > 0)
            {
                var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
                db.UserSiteRoles.AddRange(roles.Select(r => new UserSiteRole { UserId = user.Id, SiteId = siteId!.Value, Role = r }));
                await db.SaveChangesAsync();
            }
        }

        return await SignInAsync(userName);
    }

    /// <summary>The principal a sign-in would give the user, for calling services directly as a page does.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<User>>();
        return await factory.CreateAsync((await users.FindByNameAsync(userName))!);
    }

    public async Task<TestUser> SignInAsync(string userName, string password = Password)
    {
        var cookies = new CookieContainer();
        using var http = Client(cookies);
        var response = await http.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(userName, password));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {body}");
        }
        return new TestUser(JsonSerializer.Deserialize<MeDto>(body, BoardJson.Options)!.UserId, userName, cookies, this);
    }

    /// <summary>The id of the demo site, for an app started with demo data.</summary>
    public async Task<Guid> DemoSiteIdAsync()
    {
        using var http = Http();
        var sites = await http.GetFromJsonAsync<List<SiteDto>>("/api/sites", BoardJson.Options);
        return sites!.Single(s => s.Name == Reception.Dashboard.Data.DemoData.SiteName).Id;
    }

    /// <summary>Creates a site as <see cref="Root"/>.</summary>
    public async Task<SiteDto> CreateSiteAsync(string name = "Test Plaza", string timeZoneId = "Asia/Shanghai")
    {
        using var http = Http();
        var response = await http.PostAsJsonAsync("/api/sites", new CreateSite(name, timeZoneId));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SiteDto>(BoardJson.Options))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepFolder)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves litter in the temp folder.
            }
        }
    }
}

/// <summary>A signed-in test user: their cookies, and clients that send them.</summary>
public sealed record TestUser(Guid Id, string UserName, CookieContainer Cookies, TestApp App)
{
    public HttpClient Http() => App.Client(Cookies);

    public HubConnection HubConnection() => App.HubConnection(Cookies);
}
