using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Features.Devices;

/// <summary>
/// A paired wall screen's display credential: the device cookie of an active screen becomes a
/// principal that may only read its one site's board. It is no person, so it has no user id, and
/// every service that needs one refuses it. A phone's cookie alone authenticates nobody: a guard
/// signs in on it with a PIN.
/// </summary>
public sealed class DisplayAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceService devices) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Display";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = DeviceCookie.Read(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var device = await devices.ActiveDeviceAsync(secret, Context.RequestAborted);
        if (device is not { Kind: DeviceKind.WallScreen })
        {
            return AuthenticateResult.NoResult();
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, device.Name),
            new Claim(ReceptionClaims.DeviceId, device.Id.ToString()),
            new Claim(ReceptionClaims.DisplaySite, device.SiteId!.Value.ToString()),
            new Claim(ReceptionClaims.DisplayView, (device.View ?? WallView.Full).ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>An unpaired or revoked screen goes back to its pairing code; a phone to its enrolment and PIN page.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (ApiPaths.IsApi(Request.Path))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Response.Redirect(await DevicePaths.InsteadOfSignInAsync(Context)
            ?? $"/sign-in?returnUrl={Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString)}");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}

/// <summary>Where devices land when they are not (or no longer) signed in.</summary>
public static class DevicePaths
{
    public const string PhoneSignIn = "/phone";
    public const string PhoneEnrol = "/phone/enrol";
    public const string Wall = "/wall";

    /// <summary>
    /// Instead of the sign-in page: a wall page goes back to pairing, and a page opened on a
    /// phone goes to the PIN page (which shows the enrolment page if the phone was revoked).
    /// </summary>
    public static async Task<string?> InsteadOfSignInAsync(HttpContext context)
    {
        if (context.Request.Path.Value?.EndsWith("/wall", StringComparison.Ordinal) == true)
        {
            return Wall;
        }

        var devices = context.RequestServices.GetRequiredService<DeviceService>();
        return await devices.KindAsync(DeviceCookie.Read(context.Request), context.RequestAborted) == DeviceKind.GuardPhone ? PhoneSignIn : null;
    }
}
