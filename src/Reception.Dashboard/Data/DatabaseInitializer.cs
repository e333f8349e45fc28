using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Data;

/// <summary>
/// Creates and migrates the database before anything else starts, turns on WAL (a database-wide,
/// persistent setting) and seeds the demo site into an empty database.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.Path;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        logger.LogInformation("Database ready at {Path}", Path.GetFullPath(path));

        if (options.Value.SeedDemoData && !await db.Sites.AnyAsync(cancellationToken) && !await db.Users.AnyAsync(cancellationToken))
        {
            await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<User>>(), clock, cancellationToken);
            logger.LogInformation("Seeded the demo site into the empty database");
        }
        else if (options.Value.SeedDemoData)
        {
            await DemoData.EnsureRosterAsync(db, clock, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
