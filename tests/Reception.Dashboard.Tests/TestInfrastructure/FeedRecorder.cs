using System.Diagnostics;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>
/// Follows one site on an SDK <see cref="BoardFeed"/> and checks each event as it is handed over:
/// its sequence number must be the one after the last, starting right after the first snapshot. It
/// keeps the names of created posts, and when the feed last became live.
/// </summary>
public sealed class FeedRecorder(Guid siteId)
{
    private readonly Lock _lock = new();
    private readonly List<string> _postNames = [];
    private readonly HashSet<string> _distinctPostNames = [];
    private readonly List<string> _violations = [];
    private TaskCompletionSource _changed = NewSignal();
    private long? _expected;
    private int _events;
    private int _resets;
    private long _liveSince;

    /// <summary>Events handed over so far, each checked against the one before.</summary>
    public int EventsChecked
    {
        get
        {
            lock (_lock)
            {
                return _events;
            }
        }
    }

    /// <summary>Gaps, duplicates, reorderings and extra resets, in words.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>The names of the posts created, in the order their events came, repeats included.</summary>
    public IReadOnlyList<string> PostNames
    {
        get
        {
            lock (_lock)
            {
                return [.. _postNames];
            }
        }
    }

    /// <summary>When the feed last became live (<see cref="Stopwatch.GetTimestamp"/>), 0 before.</summary>
    public long LiveSince
    {
        get
        {
            lock (_lock)
            {
                return _liveSince;
            }
        }
    }

    /// <summary>Follows the site on <paramref name="feed"/>; call before it starts.</summary>
    public void Attach(BoardFeed feed)
    {
        feed.StateChanged += OnStateChanged;
        feed.Follow(siteId, OnEvent, OnReset);
    }

    /// <summary>Completes once every one of <paramref name="names"/> was handed over as a created post.</summary>
    public Task WaitForPostsAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.ToList();
        return WaitUntilAsync(() => wanted.All(_distinctPostNames.Contains), ct);
    }

    /// <summary>Completes once at least <paramref name="count"/> posts were handed over.</summary>
    public Task WaitForPostCountAsync(int count, CancellationToken ct) => WaitUntilAsync(() => _distinctPostNames.Count >= count, ct);

    /// <summary>Completes once the feed became live after <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public Task WaitUntilLiveAfterAsync(long timestamp, CancellationToken ct) => WaitUntilAsync(() => _liveSince > timestamp, ct);

    /// <summary>Checks <paramref name="done"/> under the lock each time an event arrives or the feed becomes live.</summary>
    private async Task WaitUntilAsync(Func<bool> done, CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (done())
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(ct);
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private Task OnReset(BoardSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_resets++ > 0)
            {
                // Within one epoch and a short outage the client must fetch what it missed, not skip it.
                _violations.Add($"reset again, to a snapshot at seq {snapshot.Seq}, after seq {_expected - 1}");
            }

            _expected = snapshot.Seq + 1;
        }

        return Task.CompletedTask;
    }

    private Task OnEvent(BoardEvent e)
    {
        lock (_lock)
        {
            if (_expected is null)
            {
                _violations.Add($"seq {e.Seq} came before the first snapshot");
            }
            else if (e.Seq != _expected)
            {
                _violations.Add(e.Seq < _expected
                    ? $"seq {e.Seq} came again or out of order, after seq {_expected - 1}"
                    : $"gap: seq {e.Seq} came after seq {_expected - 1}");
            }

            _expected = e.Seq + 1;
            _events++;
            if (e.Type == EventTypes.PostCreated)
            {
                var name = e.DataAs<PostChanged>().Name;
                _postNames.Add(name);
                _distinctPostNames.Add(name);
            }

            Signal();
        }

        return Task.CompletedTask;
    }

    private void OnStateChanged(BoardFeedState state)
    {
        if (state == BoardFeedState.Live)
        {
            lock (_lock)
            {
                _liveSince = Stopwatch.GetTimestamp();
                Signal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
