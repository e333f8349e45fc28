using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// A Blazor circuit outlives the request that opened it; every minute it checks that its user is
/// still enabled and unchanged (same security stamp), else the page falls back to signed out.
/// </summary>
public sealed class RevalidatingAuthState(ILoggerFactory loggerFactory, PrincipalCheck check)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        check.StillValidAsync(authenticationState.User, cancellationToken);
}
