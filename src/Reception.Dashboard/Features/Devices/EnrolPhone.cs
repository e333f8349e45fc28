namespace Reception.Dashboard.Features.Devices;

/// <summary>
/// A foreman starts enrolling a phone for a post: a one-time code, shown as a QR code, that the
/// phone redeems within <see cref="Lifetime"/>. Only the code's hash is stored, and the answer the
/// writer keeps for a repeated <c>Idempotency-Key</c> leaves the code out: a repeat answers the
/// same enrolment without its code, and says it was shown once.
/// </summary>
public sealed class EnrolPhone(SiteWriter writer, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <param name="baseUri">The address phones reach the product at, ending in a slash.</param>
    public async Task<PhoneEnrolmentDto> EnrolAsync(SiteCall call, EnrolPhoneRequest request, string baseUri)
    {
        var actor = call.Demand(Permission.ManagePhones);
        var foremanId = Access.DemandSignedIn(call.User);
        var name = Validation.TrimToNull(request.Name);
        if (name is { Length: > Validation.NameMaxLength })
        {
            throw RuleViolationException.For("name", ErrorText.Get("MaxLength", Validation.NameMaxLength));
        }

        if (Validation.HasControlCharacters(request.Name))
        {
            throw RuleViolationException.For("name", Validation.ControlCharactersRefused());
        }

        // Set only when this call issues the code; a repeated key answers what the writer kept.
        string? code = null;
        var enrolment = await writer.WriteAsync(call, actor, $"devices.enrol-phone:{call.SiteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
            var post = await db.Posts.AsNoTracking()
                .SingleOrDefaultAsync(p => p.SiteId == call.SiteId && p.Id == request.PostId && !p.Archived, call.Cancellation)
                ?? throw RuleViolationException.For("postId", DeviceText.Get("Device.PostUnknown"));
            var (phone, issued) = Device.EnrolPhone(call.SiteId, post.Id, name ?? post.Name, foremanId, clock.GetUtcNow().UtcDateTime, Lifetime);
            db.Devices.Add(phone);
            events.Add(EventTypes.DeviceEnrolmentIssued, phone.ToEvent());
            code = issued;
            return new PhoneEnrolmentDto(phone.ToDto(), null, null, phone.CodeExpiresAt!.Value);
        });

        return code is null
            ? enrolment with { Notice = DeviceText.Get("Device.EnrolmentShownOnce") }
            : enrolment with { Code = code, Url = $"{baseUri}phone/enrol?code={code}" };
    }
}
