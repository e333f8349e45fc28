namespace Reception.Dashboard.Features.Devices;

/// <summary>Finding a device by what it presents: the secret in its cookie, or a phone's enrolment code.</summary>
public static class DeviceLookups
{
    /// <summary>The device holding this secret, whatever its state; null for an unknown or malformed secret.</summary>
    public static Task<Device?> DeviceBySecretAsync(this ReceptionDbContext db, string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(Device.SecretPrefix, StringComparison.Ordinal))
        {
            return Task.FromResult<Device?>(null);
        }

        var hash = Device.Hash(secret);
        return db.Devices.SingleOrDefaultAsync(d => d.SecretHash == hash, ct);
    }

    /// <summary>The phone waiting for this enrolment code; null if the code is unknown, used or expired.</summary>
    public static async Task<Device?> PendingPhoneAsync(this ReceptionDbContext db, string? code, DateTime now, CancellationToken ct)
    {
        var normalized = Device.NormalizeCode(code);
        if (normalized.Length != Device.EnrolmentCodeLength)
        {
            return null;
        }

        var hash = Device.Hash(normalized);
        var phone = await db.Devices.SingleOrDefaultAsync(d => d.Kind == DeviceKind.GuardPhone && d.Code == hash, ct);
        return phone is not null && phone.CodeValid(now) ? phone : null;
    }
}
