using System.Threading.Channels;

namespace Reception.Dashboard.Infrastructure.Scheduling;

/// <summary>
/// A worker's sleep until an instant on <see cref="TimeProvider"/>, cut short by <see cref="Wake"/>. Shared by
/// the scheduler and the webhook sender, so the one subtle case is handled in one place: the clock moving
/// between reading it and setting the timer.
/// </summary>
public sealed class Alarm(TimeProvider clock)
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Ends the current sleep, or the next one if the worker is busy.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task SleepUntilAsync(DateTime wakeAt, CancellationToken ct)
    {
        var wait = wakeAt - clock.GetUtcNow().UtcDateTime;
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = _wake.Reader.WaitToReadAsync(sleep.Token).AsTask();
        var slept = Task.Delay(wait, clock, sleep.Token);
        // A clock that jumped after it was read (a test's clock moves at once) would leave the timer an interval
        // too late: look again now that the timer is set.
        if (clock.GetUtcNow().UtcDateTime < wakeAt)
        {
            await Task.WhenAny(woken, slept);
        }

        await sleep.CancelAsync();
        _wake.Reader.TryRead(out _);
        try
        {
            await Task.WhenAll(woken, slept);
        }
        catch (OperationCanceledException)
        {
            // The other wait was cancelled because this one ended first, or the app is stopping.
        }
    }
}
