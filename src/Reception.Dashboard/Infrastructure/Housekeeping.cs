namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// Forgets the bookkeeping that is kept only for a while, so its tables do not grow for ever:
/// idempotency keys after a day (retries come within seconds), and sign-in sessions idle for longer
/// than a sign-in lasts.
/// </summary>
public sealed class Housekeeping(
    IDbContextFactory<ReceptionDbContext> dbFactory,
    TimeProvider clock,
    ILogger<Housekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan KeepKeysFor = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                var now = clock.GetUtcNow().UtcDateTime;
                var keys = await db.IdempotencyRecords.Where(r => r.CreatedAt < now - KeepKeysFor).ExecuteDeleteAsync(stoppingToken);
                var sessions = await db.UserSessions.Where(s => s.LastRenewedAt < now - UserSessions.IdleLifetime).ExecuteDeleteAsync(stoppingToken);
                if (keys + sessions > 0)
                {
                    logger.LogInformation("Forgot {Keys} idempotency keys and {Sessions} idle sessions", keys, sessions);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not forget old idempotency keys and sessions; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
