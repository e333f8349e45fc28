using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Client;

/// <summary>
/// One site's place in its stream: the epoch and the last sequence number handed to the caller.
/// Only the feed's single pump calls it, so events reach the caller one at a time, in order, once.
/// </summary>
internal sealed class FollowedSite(
    Guid siteId,
    Func<BoardEvent, Task> onEvent,
    Func<BoardSnapshot, Task> onReset,
    StreamPosition? from,
    BoardCommands reads,
    BoardClientOptions options,
    ILogger logger)
{
    private const int PageSize = 1000;

    public Guid SiteId { get; } = siteId;
    public Guid? Epoch { get; private set; } = from?.Epoch;
    public long Last => Interlocked.Read(ref _last);
    public int Resets { get; private set; }
    public int GapsFilled { get; private set; }

    /// <summary>Set while a heartbeat's gap check waits its grace, so beats do not pile up checks.</summary>
    public bool GapCheckPending { get; set; }

    private long _last = from?.LastSeq ?? 0;

    /// <summary>On a new connection: join the site's group, then fetch what was missed, or start again from a snapshot.</summary>
    public async Task SyncAsync(FeedSession session, CancellationToken ct)
    {
        var position = await session.Connection.InvokeAsync<StreamPosition>("JoinSite", SiteId, ct);
        if (Epoch != position.Epoch || position.LastSeq < Last || position.LastSeq - Last > options.MaxCatchUp)
        {
            await ResetAsync(ct);
            return;
        }

        await CatchUpAsync(session, ct);
    }

    /// <summary>A pushed event: the next one is handed over; an old one is dropped; one past a gap first fills the gap.</summary>
    public async Task ApplyAsync(BoardEvent pushed, FeedSession session, CancellationToken ct)
    {
        if (Epoch is null)
        {
            return; // not synced yet; the sync fetches or snapshots past it
        }

        if (pushed.Epoch != Epoch)
        {
            await ResetAsync(ct);
        }
        else if (pushed.Seq == Last + 1)
        {
            await DeliverAsync(pushed);
        }
        else if (pushed.Seq > Last + 1 && !session.IsOver)
        {
            await CatchUpAsync(session, ct);
        }
    }

    /// <summary>A heartbeat: a new epoch starts again; a sequence number ahead of ours is a gap, unless the pushes arrive within the grace.</summary>
    /// <returns>Whether the caller should check again after the grace.</returns>
    public async Task<bool> HearAsync(Heartbeat heartbeat, CancellationToken ct)
    {
        if (Epoch is null)
        {
            return false;
        }

        if (heartbeat.Epoch != Epoch)
        {
            await ResetAsync(ct);
            return false;
        }

        return heartbeat.LastSeq > Last && !GapCheckPending;
    }

    /// <summary>After the grace: whatever is still missing up to <paramref name="target"/> is fetched.</summary>
    public async Task FillGapAsync(long target, FeedSession session, CancellationToken ct)
    {
        GapCheckPending = false;
        if (Last < target && !session.IsOver)
        {
            await CatchUpAsync(session, ct);
        }
    }

    private async Task CatchUpAsync(FeedSession session, CancellationToken ct)
    {
        var before = Last;
        EventPage page;
        do
        {
            page = await session.Connection.InvokeAsync<EventPage>("GetEventsAfter", SiteId, Last, PageSize, ct);
            if (page.Epoch != Epoch)
            {
                await ResetAsync(ct);
                return;
            }

            foreach (var stored in page.Events.Where(e => e.Seq > Last))
            {
                await DeliverAsync(stored);
            }
        }
        while (page.HasMore);

        if (Last > before)
        {
            GapsFilled++;
            logger.LogInformation("Fetched events {From}–{To} of site {SiteId} that were not pushed", before + 1, Last, SiteId);
        }
    }

    private async Task ResetAsync(CancellationToken ct)
    {
        var snapshot = await reads.GetSnapshotAsync(SiteId, ct);
        logger.LogInformation("Site {SiteId} starts again from a snapshot at {Epoch}/{Seq} (was {OldEpoch}/{OldSeq})", SiteId, snapshot.Epoch, snapshot.Seq, Epoch, Last);
        // The position moves only once the caller holds the snapshot: a failed reset is tried again on the next sync.
        await onReset(snapshot);
        Epoch = snapshot.Epoch;
        Interlocked.Exchange(ref _last, snapshot.Seq);
        Resets++;
    }

    private async Task DeliverAsync(BoardEvent boardEvent)
    {
        // Handed over once even if the caller's handler fails: redelivering would break "exactly once".
        Interlocked.Exchange(ref _last, boardEvent.Seq);
        try
        {
            await onEvent(boardEvent);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The handler failed on event {Seq} of site {SiteId}", boardEvent.Seq, SiteId);
        }
    }
}
