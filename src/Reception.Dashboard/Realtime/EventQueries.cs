namespace Reception.Dashboard.Realtime;

/// <summary>Reads a site's event log for clients that catch up after a gap.</summary>
public sealed class EventQueries(IDbContextFactory<ReceptionDbContext> dbFactory)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>
    /// The last committed sequence number. <paramref name="beforeReading"/> runs after the caller's
    /// check and before the read: the hub joins the site's group there, so nothing committed between
    /// the two is missed.
    /// </summary>
    public async Task<StreamPosition> PositionAsync(SiteCall call, Func<Task> beforeReading)
    {
        call.Demand(Permission.ViewBoard);
        await beforeReading();
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stream = await db.SiteStreams.AsNoTracking().SingleOrDefaultAsync(s => s.SiteId == siteId, ct)
            ?? throw NotFoundException.Site(siteId);
        return new StreamPosition(siteId, stream.Epoch, stream.LastSeq);
    }

    public async Task<EventPage> AfterAsync(SiteCall call, long after, int limit)
    {
        call.Demand(Permission.ViewBoard);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        var errors = new Dictionary<string, string[]>();
        if (after < 0)
        {
            errors["after"] = [ErrorText.Get("Events.After")];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [ErrorText.Get("Limit", MaxLimit)];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await db.BeginReadSnapshotAsync(ct);
        var stream = await db.SiteStreams.AsNoTracking().SingleOrDefaultAsync(s => s.SiteId == siteId, ct)
            ?? throw NotFoundException.Site(siteId);
        var page = await db.Events.AsNoTracking()
            .Where(e => e.SiteId == siteId && e.Seq > after)
            .OrderBy(e => e.Seq)
            .Take(limit + 1)
            .ToListAsync(ct);

        var hasMore = page.Count > limit;
        var events = page.Take(limit).Select(e => e.ToEnvelope(stream.Epoch)).ToList();
        return new EventPage(stream.Epoch, events, stream.LastSeq, hasMore);
    }
}
