using Microsoft.AspNetCore.Components;

namespace Reception.Dashboard.Components;

/// <summary>
/// The base of every page that shows a site live. It subscribes to the site's events before the
/// first load (so nothing that happens meanwhile is missed), reloads when an event it watches
/// arrives (once for a burst), turns a refused or failed load into <see cref="LoadError"/> instead
/// of a dead page, and lets go of everything when the page closes. A page says what it loads
/// (<see cref="LoadAsync"/>) and which events concern it (<see cref="Watches"/>).
/// </summary>
public abstract class LivePage : SignedInPage
{
    private IDisposable? _subscription;
    private Coalescer? _reloads;

    [Inject] private EventPublisher Publisher { get; set; } = default!;

    [Parameter] public Guid SiteId { get; set; }

    /// <summary>The call context for this page's use cases; pages send no idempotency key (a click is sent once).</summary>
    protected SiteCall Call => new(User, SiteId, null, Closing);

    /// <summary>Why the page has nothing to show, in the reader's language; null once a load succeeded.</summary>
    protected string? LoadError { get; private set; }

    /// <summary>Whether a load has succeeded: before it, pages show progress rather than an empty state.</summary>
    protected bool Loaded { get; private set; }

    /// <summary>Reads what the page shows. Called first, then on every watched event; refusals and faults are caught.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Whether an event concerns this page; filter by <see cref="EventTypes"/>, never by a string prefix.</summary>
    protected virtual bool Watches(BoardEvent e) => false;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _reloads = new Coalescer(LoadAndRenderAsync);
        _subscription = Publisher.Subscribe(SiteId, e => Watches(e) ? InvokeAsync(_reloads.RequestAsync) : Task.CompletedTask);
        // Through the coalescer too: an event during the first load is folded into one load after it,
        // never run beside it, so an older read cannot overwrite a newer one.
        await _reloads.RunAsync();
    }

    /// <summary>Asks for a reload, folded into one with any already asked for; for a page's own timers and actions.</summary>
    protected Task RequestReloadAsync() => InvokeAsync(_reloads!.RequestAsync);

    private async Task LoadAndRenderAsync()
    {
        await LoadGuardedAsync();
        if (!Closing.IsCancellationRequested)
        {
            StateHasChanged();
        }
    }

    private async Task LoadGuardedAsync()
    {
        try
        {
            await LoadAsync();
            (LoadError, Loaded) = (null, true);
        }
        catch (DomainException ex)
        {
            LoadError = ex.Message;
        }
        catch (Exception) when (Closing.IsCancellationRequested)
        {
            // The page closed while loading: nothing to show, nothing went wrong.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LoadError = ErrorText.Get("Unexpected");
            FormErrors.Logger?.LogError(ex, "A live page could not load");
        }
    }

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }
}
