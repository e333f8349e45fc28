using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Data;

/// <summary>
/// Creates and migrates the database before anything else starts, turns on WAL (a database-wide,
/// persistent setting) and seeds the demo site into an empty database.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<ReceptionDbContext> dbFactory,
    IOptions<DatabaseOptions> options,
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

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        logger.LogInformation("Database ready at {Path}", Path.GetFullPath(path));

        if (options.Value.SeedDemoData && !await db.Sites.AnyAsync(cancellationToken))
        {
            await DemoData.SeedAsync(db, cancellationToken);
            logger.LogInformation("Seeded the demo site into the empty database");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
