namespace Reception.Dashboard.Components;

/// <summary>
/// Runs a page's load once at a time, and once for a burst of events: at T-30 a visit raises an event
/// per late item, and a page that reloaded for each would read the same visit dozens of times. A
/// request made while a load runs is folded into one more load after it, so the last load always
/// starts after the last event, and two loads never overlap.
/// </summary>
public sealed class Coalescer(Func<Task> load)
{
    private bool _running;
    private bool _again;

    /// <summary>
    /// For event handlers: returns at once, since the publisher hands a page its events one at a time
    /// and waits for each. Call on the renderer's thread (inside InvokeAsync).
    /// </summary>
    public Task RequestAsync()
    {
        _ = StartOrFold();
        return Task.CompletedTask;
    }

    /// <summary>For a page's first load: returns when it, and any load asked for meanwhile, are done.</summary>
    public Task RunAsync() => StartOrFold();

    private Task StartOrFold()
    {
        if (_running)
        {
            _again = true;
            return Task.CompletedTask;
        }

        _running = true;
        return LoopAsync();
    }

    private async Task LoopAsync()
    {
        try
        {
            do
            {
                _again = false;
                try
                {
                    await load();
                }
                catch (Exception ex) when (ex is not ObjectDisposedException)
                {
                    // This load is lost, not the one asked for meanwhile: the loop goes on if there is one.
                    FormErrors.Logger?.LogWarning(ex, "A live page could not reload");
                }
            }
            while (_again);
        }
        catch (ObjectDisposedException)
        {
            // The page closed while loading.
        }
        finally
        {
            _running = false;
        }
    }
}
