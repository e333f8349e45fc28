using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;

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

    public TestApp(
        bool seedDemoData = false,
        string environment = "Production",
        TimeProvider? clock = null,
        string? folder = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _folder = folder ?? Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        _seedDemoData = seedDemoData;
        _environment = environment;
        _clock = clock;
        Directory.CreateDirectory(_folder);
        UseKestrel(0);
        StartServer();
    }

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
        builder.ConfigureServices(services =>
        {
            if (_clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(_clock);
            }

            _services?.Invoke(services);
        });
    }

    public HttpClient Http() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false });

    public HubConnection HubConnection() => new HubConnectionBuilder()
        .WithUrl(new Uri(BaseAddress, "/hubs/board"))
        .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
        .Build();

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
