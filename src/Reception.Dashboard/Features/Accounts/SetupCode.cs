using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// On a database with no users (demo data off), a one-time code lets the first person create the
/// first administrator. The code lives in memory only and is printed to the console with a link.
/// </summary>
public sealed class SetupCode
{
    private string? _code;

    public bool IsOpen => _code is not null;

    public void Open() => _code ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string? Current => _code;

    public bool Matches(string? code) =>
        _code is not null && code is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(_code), System.Text.Encoding.UTF8.GetBytes(code));

    public void Close() => _code = null;
}

/// <summary>Prints the setup link once the server knows its address.</summary>
public sealed class SetupAnnouncer(
    SetupCode setup,
    IDbContextFactory<ReceptionDbContext> dbFactory,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<SetupAnnouncer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        setup.Open();
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            logger.LogWarning("No users yet. Create the first administrator at {Url}", $"{address.TrimEnd('/')}/setup?code={setup.Current}");
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
