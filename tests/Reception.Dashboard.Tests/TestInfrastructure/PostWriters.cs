using System.Collections.Concurrent;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>
/// Writers creating posts with unique names through the SDK's commands, each on its own client,
/// until stopped. A post counts as acknowledged only when the server answered its write; a write
/// that failed after its retries is not, though it may have been stored.
/// </summary>
public sealed class PostWriters : IAsyncDisposable
{
    // A server that is down fails fast (refused connections, an open circuit): pause rather than spin.
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<string> _acknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly BoardClientOptions _options;
    private readonly Guid _siteId;
    private readonly TimeSpan _pause;
    private readonly Task[] _writers;
    private int _failed;
    private int _retries;

    private PostWriters(BoardClientOptions options, Guid siteId, int writers, TimeSpan pause)
    {
        _options = options;
        _siteId = siteId;
        _pause = pause;
        _writers = Enumerable.Range(1, writers).Select(w => Task.Run(() => WriteAsync(w, _stop.Token))).ToArray();
    }

    /// <summary>Starts <paramref name="writers"/> writers, each waiting <paramref name="pause"/> after every acknowledged write.</summary>
    public static PostWriters Start(BoardClientOptions options, Guid siteId, int writers, TimeSpan pause = default) =>
        new(options, siteId, writers, pause);

    public int Acknowledged => _acknowledged.Count;

    /// <summary>Writes that failed after the client's retries (or at once, while its circuit was open).</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Attempts the clients retried, summed when the writers stop.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Stops the writers (a write under way is abandoned, and not acknowledged) and returns the acknowledged names.</summary>
    public async Task<IReadOnlySet<string>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers).WaitAsync(StopTimeout);
        return _acknowledged.ToHashSet();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task WriteAsync(int writer, CancellationToken stop)
    {
        using var commands = new BoardCommands(_options);
        try
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                var name = $"w{writer}-{i:D5}";
                try
                {
                    await commands.CreatePostAsync(_siteId, new CreatePost(name, PostKind.Gate, null, i % 1000), ct: stop);
                    _acknowledged.Enqueue(name);
                    if (_pause > TimeSpan.Zero)
                    {
                        await Task.Delay(_pause, stop);
                    }
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref _failed);
                    await Task.Delay(PauseAfterFailure, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped during a pause.
        }
        finally
        {
            Interlocked.Add(ref _retries, commands.Retries);
        }
    }
}
