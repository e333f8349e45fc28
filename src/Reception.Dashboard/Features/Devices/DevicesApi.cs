using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Features.Devices;

public static class DevicesApi
{
    /// <summary>Managing a site's phones and screens.</summary>
    public static RouteGroupBuilder MapDevicesApi(this RouteGroupBuilder site)
    {
        var devices = site.MapGroup("/devices").WithTags("Devices");

        devices.MapGet("/", (ClaimsPrincipal user, Guid siteId, DeviceService service, CancellationToken ct) => service.ListAsync(user, siteId, ct))
            .RequireSitePermission(Permission.ManagePhones);

        devices.MapPost("/phones", async (ClaimsPrincipal user, Guid siteId, EnrolPhoneRequest request, HttpRequest http, DeviceService service, CancellationToken ct) =>
                TypedResults.Created((string?)null, await service.EnrolPhoneAsync(user, siteId, request, BaseUri(http), ct)))
            .WithSummary("Starts enrolling a phone for a post; open the answer's url on the phone within 15 minutes.")
            .RequireSitePermission(Permission.ManagePhones);

        devices.MapPost("/screens", (ClaimsPrincipal user, Guid siteId, ApproveScreenRequest request, DeviceService service, CancellationToken ct) =>
                service.ApproveScreenAsync(user, siteId, request, ct))
            .WithSummary("Pairs the wall screen showing this code with the site.")
            .RequireSitePermission(Permission.ManageScreens)
            .RequireRateLimiting(RateLimits.Pairing);

        devices.MapPost("/{deviceId:guid}/revoke", (ClaimsPrincipal user, Guid siteId, Guid deviceId, DeviceService service, CancellationToken ct) =>
                service.RevokeAsync(user, siteId, deviceId, ct))
            .RequireSitePermission(Permission.ManagePhones);

        return site;
    }

    /// <summary>What a phone itself calls: redeem its enrolment code, then sign a guard in with a PIN.</summary>
    public static RouteGroupBuilder MapPhoneApi(this RouteGroupBuilder api)
    {
        var phone = api.MapGroup("/phone").WithTags("Devices").AllowAnonymous();

        phone.MapPost("/enrol", async Task<Results<NoContent, ProblemHttpResult>> (RedeemEnrolmentRequest request, HttpContext http, DeviceService service, TimeProvider clock, CancellationToken ct) =>
        {
            if (await service.RedeemEnrolmentAsync(request.Code, ct) is not { } secret)
            {
                return TypedResults.Problem(ErrorText.Get("Device.EnrolmentDead"), statusCode: StatusCodes.Status422UnprocessableEntity, title: ApiProblems.Title(StatusCodes.Status422UnprocessableEntity));
            }

            DeviceCookie.Write(http, secret, clock.GetUtcNow().UtcDateTime);
            return TypedResults.NoContent();
        })
            .WithSummary("Enrols the calling phone; sets its device cookie.")
            .RequireRateLimiting(RateLimits.Pairing);

        phone.MapPost("/sign-in", async Task<Results<Ok<PhoneSignedInDto>, ProblemHttpResult>> (PhoneSignInRequest request, HttpContext http, PhoneSignInService signIn, CancellationToken ct) =>
        {
            var (outcome, siteId) = await signIn.SignInAsync(DeviceCookie.Read(http.Request), request.StaffNumber, request.Pin, ct);
            return outcome switch
            {
                PhoneSignInOutcome.SignedIn => TypedResults.Ok(new PhoneSignedInDto(siteId!.Value)),
                // The request is fine; the calling device's state does not allow it.
                PhoneSignInOutcome.NotEnrolled => TypedResults.Problem(outcome.Message(), statusCode: StatusCodes.Status409Conflict, title: ApiProblems.Title(StatusCodes.Status409Conflict)),
                _ => TypedResults.Problem(outcome.Message(), statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.Title(StatusCodes.Status401Unauthorized)),
            };
        })
            .WithSummary("Signs a guard in on an enrolled phone with staff number and PIN.")
            .RequireRateLimiting(RateLimits.Pin);

        return api;
    }

    private static string BaseUri(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";
}
