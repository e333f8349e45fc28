using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Data;

namespace Reception.Dashboard.Infrastructure.Idempotency;

/// <summary>Forgets idempotency keys after a day: retries come within seconds, and the table must not grow for ever.</summary>
public sealed class IdempotencyCleanup(
    IDbContextFactory<ReceptionDbContext> dbFactory,
    TimeProvider clock,
    ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                var cutoff = clock.GetUtcNow().UtcDateTime - KeepFor;
                var removed = await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Forgot {Count} idempotency keys older than {Cutoff:u}", removed, cutoff);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not clean up idempotency keys; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
