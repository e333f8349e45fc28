using Microsoft.AspNetCore.Components;

namespace Reception.Dashboard.Components;

/// <summary>
/// A time that moves with the clock (a countdown, an age, the minutes left to undo): it re-renders only
/// itself every <see cref="Interval"/>, so a page with many of them never re-renders whole.
/// </summary>
public abstract class Ticking : ComponentBase, IDisposable
{
    private PeriodicTimer? _timer;

    [Inject] protected TimeProvider Clock { get; set; } = default!;

    /// <summary>How often to re-render: a second for a figure shown to the second, less often for minutes.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether there is still something to move; ticking stops once there is not.</summary>
    protected virtual bool Moving => true;

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = TickAsync();
        }
    }

    private async Task TickAsync()
    {
        _timer = new PeriodicTimer(Interval, Clock);
        try
        {
            while (Moving && await _timer.WaitForNextTickAsync())
            {
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (ObjectDisposedException)
        {
            // The page closed.
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }
}
