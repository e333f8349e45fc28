namespace Reception.Dashboard.Features.Devices;

/// <summary>
/// The phone itself redeems its enrolment code and gets the secret for its cookie. It is anonymous
/// and sends no idempotency key: a code is good once, so a second try is refused anyway. The code
/// names the phone's site, and the phone is the actor of its write.
/// </summary>
public sealed class RedeemEnrolment(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer, TimeProvider clock)
{
    /// <returns>The phone's secret for its cookie, or null if the code is unknown, used or expired.</returns>
    public async Task<string?> RedeemAsync(string? code, CancellationToken ct)
    {
        Device? pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            pending = await db.PendingPhoneAsync(code, Now, ct);
        }

        if (pending is not { SiteId: { } siteId })
        {
            return null;
        }

        var phoneActor = new Actor("device", $"{pending.Id:D}", null);
        try
        {
            return await writer.WriteAsync<string?>(siteId, new Command(phoneActor, "devices.redeem-enrolment", null, null), async (db, events) =>
            {
                // Found again inside the write: another phone may have redeemed the code meanwhile.
                var phone = await db.PendingPhoneAsync(code, Now, ct);
                if (phone is null)
                {
                    return null;
                }

                var secret = phone.RedeemEnrolment(Now);
                events.Add(EventTypes.DeviceEnrolled, phone.ToEvent());
                return secret;
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null; // another phone redeemed the code a moment earlier
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
