namespace Reception.Dashboard.Features.Visits.Components;

/// <summary>
/// Runs a page's reload once for a burst of events: at T-30 a visit raises an event per late item, and a
/// page that reloaded for each would read the same visit dozens of times. The publisher hands a page its
/// events one at a time and waits for each, so a request returns at once; a request made while a reload
/// runs is folded into one more reload after it.
/// </summary>
public sealed class Coalescer(Func<Task> reload)
{
    private bool _running;
    private bool _again;

    /// <summary>Call on the renderer's thread (inside InvokeAsync), as the pages' event handlers do.</summary>
    public Task RequestAsync()
    {
        if (_running)
        {
            _again = true;
        }
        else
        {
            _running = true;
            _ = RunAsync();
        }

        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        try
        {
            do
            {
                _again = false;
                try
                {
                    await reload();
                }
                catch (Exception ex) when (ex is not ObjectDisposedException)
                {
                    // This reload is lost, not the one asked for meanwhile: the loop goes on if there is one.
                    Reception.Dashboard.Components.FormErrors.Logger?.LogWarning(ex, "A live page could not reload");
                }
            }
            while (_again);
        }
        catch (ObjectDisposedException)
        {
            // The page closed while reloading.
        }
        finally
        {
            _running = false;
        }
    }
}
