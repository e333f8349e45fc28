using System.Globalization;
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
    // The reader's language, as the request that opened the circuit settled it (language cookie or
    // browser). Blazor keeps it only in the circuit's own async flow: events, heartbeats and timers
    // call back on the server's threads, which speak the server's language. See InvokeAsync.
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
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

    /// <summary>
    /// Runs <paramref name="workItem"/> on the renderer, in the reader's language. Hides
    /// <see cref="ComponentBase"/>'s, so that every live page's callbacks (its events, LiveSite's
    /// heartbeats, its timers) render and load in the circuit's culture without each page remembering
    /// to: Blazor runs the work in the calling thread's culture, and a heartbeat's thread is the server's
    /// (dotnet/aspnetcore#28521), which turned a Chinese wall English at every beat.
    /// </summary>
    protected new Task InvokeAsync(Func<Task> workItem) => base.InvokeAsync(() => InReadersCultureAsync(workItem));

    /// <summary>Runs <paramref name="workItem"/> on the renderer, in the reader's language, as the overload above.</summary>
    protected new Task InvokeAsync(Action workItem) => InvokeAsync(() =>
    {
        workItem();
        return Task.CompletedTask;
    });

    private async Task InReadersCultureAsync(Func<Task> workItem)
    {
        // Set inside an async method, the culture ends with it: the calling thread (the publisher's,
        // shared by every page) keeps its own. What the work awaits continues in the reader's culture.
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        await workItem();
    }

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
