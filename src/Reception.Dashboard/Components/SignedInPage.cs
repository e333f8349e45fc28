using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Reception.Dashboard.Components;

/// <summary>
/// The base of every page for a signed-in person: who is looking, and a cancellation that ends with
/// the page. Pages about one site derive from <see cref="LivePage"/>, which builds on this.
/// </summary>
public abstract class SignedInPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closing = new();

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Who is looking, as signed in when the page opened (the circuit re-checks it every minute).</summary>
    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>Cancelled when the page closes: what it still reads or writes then is dropped, not reported as a fault.</summary>
    protected CancellationToken Closing => _closing.Token;

    protected override async Task OnInitializedAsync() => User = (await AuthenticationState).User;

    public virtual void Dispose()
    {
        // Cancelled, not disposed: a read still finishing takes the token, and must see "cancelled", not a fault.
        _closing.Cancel();
        GC.SuppressFinalize(this);
    }
}
