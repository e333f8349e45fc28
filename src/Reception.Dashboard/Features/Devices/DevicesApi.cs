using Microsoft.AspNetCore.Http.HttpResults;

namespace Reception.Dashboard.Features.Devices;

public static class DevicesApi
{
    /// <summary>Managing a site's phones and screens.</summary>
    public static RouteGroupBuilder MapDevicesApi(this RouteGroupBuilder site)
    {
        var devices = site.MapGroup("/devices").WithTags("Devices");

        devices.MapGet("/", ([AsParameters] SiteCall call, DeviceService service) => service.ListAsync(call))
            .RequireSitePermission(Permission.ManagePhones);

        devices.MapPost("/phones", async ([AsParameters] SiteCall call, EnrolPhoneRequest request, HttpRequest http, EnrolPhone enrol) =>
                TypedResults.Created((string?)null, await enrol.EnrolAsync(call, request, BaseUri(http))))
            .WithSummary("Starts enrolling a phone for a post; open the answer's url on the phone within 15 minutes.")
            .RequireSitePermission(Permission.ManagePhones);

        devices.MapPost("/screens", ([AsParameters] SiteCall call, ApproveScreenRequest request, PairScreen pair) => pair.PairAsync(call, request))
            .WithSummary("Pairs the wall screen showing this code with the site.")
            .RequireSitePermission(Permission.ManageScreens)
            .RequireRateLimiting(RateLimits.Pairing);

        devices.MapPost("/{deviceId:guid}/revoke", ([AsParameters] SiteCall call, Guid deviceId, RevokeDevice revoke) => revoke.RevokeAsync(call, deviceId))
            .RequireSitePermission(Permission.ManagePhones);

        return site;
    }

    /// <summary>What a phone itself calls: redeem its enrolment code, then sign a guard in with a PIN.</summary>
    public static RouteGroupBuilder MapPhoneApi(this RouteGroupBuilder api)
    {
        var phone = api.MapGroup("/phone").WithTags("Devices").AllowAnonymous();

        phone.MapPost("/enrol", async Task<Results<NoContent, ProblemHttpResult>> (RedeemEnrolmentRequest request, HttpContext http, RedeemEnrolment redeem, TimeProvider clock, CancellationToken ct) =>
        {
            if (await redeem.RedeemAsync(request.Code, ct) is not { } secret)
            {
                return TypedResults.Problem(DeviceText.Get("Device.EnrolmentDead"), statusCode: StatusCodes.Status422UnprocessableEntity, title: ApiProblems.Title(StatusCodes.Status422UnprocessableEntity));
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
