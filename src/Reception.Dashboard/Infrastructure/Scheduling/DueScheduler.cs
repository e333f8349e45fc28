namespace Reception.Dashboard.Infrastructure.Scheduling;

/// <summary>Fires the jobs of one kind. Runs inside the scheduler's write: its changes and events commit with the job's firing.</summary>
public interface IDueJobHandler
{
    IReadOnlyCollection<string> Kinds { get; }

    Task FireAsync(ReceptionDbContext db, EventBatch events, DueJob job, DateTime now, CancellationToken ct);
}

/// <summary>
/// The product's one due-time scheduler. It fires every job whose time has come, oldest first, each
/// in its own write that first re-reads the row, so a job fires once even if two passes race; at start
/// it fires whatever came due while the app was down. It sleeps on <see cref="TimeProvider"/> until the
/// next job, or until a feature arms one (<see cref="Wake"/>).
/// </summary>
public sealed class DueScheduler(
    IDbContextFactory<ReceptionDbContext> dbFactory,
    SiteWriter writer,
    IEnumerable<IDueJobHandler> handlers,
    TimeProvider clock,
    ILogger<DueScheduler> logger) : BackgroundService
{
    public static readonly Actor Actor = new("system", "scheduler", null);

    private const int BatchSize = 100;

    // A safety net for a missed wake-up, and the pause after a job failed to fire.
    private static readonly TimeSpan IdleCheck = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly Alarm _alarm = new(clock);
    private readonly Dictionary<string, IDueJobHandler> _handlers = handlers.SelectMany(h => h.Kinds.Select(k => (k, h))).ToDictionary(p => p.k, p => p.h);

    /// <summary>Tells the scheduler that jobs changed, so it looks again for the next one.</summary>
    public void Wake() => _alarm.Wake();

    // Features arm and disarm jobs inside their own write, so a job and its cause commit together; arming
    // wakes the scheduler once the write has committed, so no feature has to remember to.

    /// <summary>Sets the job to fire at <paramref name="dueAt"/>; a job moved to a new time fires again, once.</summary>
    public Task ArmAsync(ReceptionDbContext db, EventBatch events, Guid siteId, string kind, Guid targetId, Guid ownerId, DateTime dueAt, CancellationToken ct) =>
        ArmAllAsync(db, events, siteId, ownerId, kind, [(targetId, dueAt)], ct);

    /// <summary>Arms many jobs of one kind and owner at once, reading the owner's jobs of that kind in one query.</summary>
    public async Task ArmAllAsync(ReceptionDbContext db, EventBatch events, Guid siteId, Guid ownerId, string kind, IEnumerable<(Guid TargetId, DateTime DueAt)> jobs, CancellationToken ct)
    {
        var existing = await db.DueJobs.Where(j => j.OwnerId == ownerId && j.Kind == kind).ToDictionaryAsync(j => j.TargetId, ct);
        foreach (var added in db.DueJobs.Local.Where(j => j.OwnerId == ownerId && j.Kind == kind))
        {
            existing.TryAdd(added.TargetId, added);
        }
        foreach (var (targetId, dueAt) in jobs)
        {
            if (!existing.TryGetValue(targetId, out var job))
            {
                db.DueJobs.Add(new DueJob { Id = Guid.CreateVersion7(), SiteId = siteId, Kind = kind, TargetId = targetId, OwnerId = ownerId, DueAt = dueAt });
            }
            else if (job.DueAt != dueAt)
            {
                (job.DueAt, job.FiredAt) = (dueAt, null);
            }
        }

        events.AfterCommit(Wake);
    }

    /// <summary>Removes the jobs of <paramref name="kind"/> for these targets that have not fired.</summary>
    public static async Task DisarmAsync(ReceptionDbContext db, string kind, IReadOnlyCollection<Guid> targetIds, CancellationToken ct) =>
        await db.DueJobs.Where(j => j.Kind == kind && targetIds.Contains(j.TargetId) && j.FiredAt == null).ExecuteDeleteAsync(ct);

    /// <summary>Removes every job of <paramref name="ownerId"/> that has not fired.</summary>
    public static async Task DisarmOwnerAsync(ReceptionDbContext db, Guid ownerId, CancellationToken ct) =>
        await db.DueJobs.Where(j => j.OwnerId == ownerId && j.FiredAt == null).ExecuteDeleteAsync(ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTime wakeAt;
            try
            {
                wakeAt = await FireDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The scheduler could not read its jobs");
                wakeAt = clock.GetUtcNow().UtcDateTime + RetryDelay;
            }

            await _alarm.SleepUntilAsync(wakeAt, stoppingToken);
        }
    }

    /// <returns>When to look again: the next job's time, capped by <see cref="IdleCheck"/>.</returns>
    private async Task<DateTime> FireDueAsync(CancellationToken ct)
    {
        var failed = false;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            List<DueJob> due;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                due = await db.DueJobs.AsNoTracking()
                    .Where(j => j.FiredAt == null && j.DueAt <= now)
                    .OrderBy(j => j.DueAt).ThenBy(j => j.Id)
                    .Take(BatchSize)
                    .ToListAsync(ct);
            }

            foreach (var job in due)
            {
                failed |= !await TryFireAsync(job, now, ct);
            }

            if (due.Count < BatchSize || failed)
            {
                break;
            }
        }

        await using var read = await dbFactory.CreateDbContextAsync(ct);
        var next = await read.DueJobs.AsNoTracking().Where(j => j.FiredAt == null).OrderBy(j => j.DueAt).Select(j => (DateTime?)j.DueAt).FirstOrDefaultAsync(ct);
        var latest = clock.GetUtcNow().UtcDateTime + (failed ? RetryDelay : IdleCheck);
        return next is { } at && at < latest ? at : latest;
    }

    private async Task<bool> TryFireAsync(DueJob job, DateTime now, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            logger.LogError("No handler for scheduled job kind {Kind}", job.Kind);
            return false;
        }

        try
        {
            await writer.WriteAsync(job.SiteId, new Command(Actor, "scheduler.fire", null, null), async (db, events) =>
            {
                // Re-read inside the write: a job fired by another pass, moved or disarmed meanwhile is left alone.
                var current = await db.DueJobs.SingleOrDefaultAsync(j => j.Id == job.Id && j.FiredAt == null && j.DueAt <= now, ct);
                if (current is null)
                {
                    return false;
                }

                current.FiredAt = now;
                await handler.FireAsync(db, events, current, now, ct);
                return true;
            }, ct);
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Scheduled job {Kind} {JobId} failed to fire; it will be tried again", job.Kind, job.Id);
            return false;
        }
    }
}
