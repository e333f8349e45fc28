namespace Reception.Dashboard.Client.Contracts;

/// <summary>A device that is not a person at a desk.</summary>
public enum DeviceKind
{
    /// <summary>A phone kept at a post; guards sign in on it with their staff number and PIN.</summary>
    GuardPhone = 1,
    /// <summary>A read-only screen on a wall; it holds its own display credential and no person signs in.</summary>
    WallScreen,
}

/// <summary>Pending until the phone redeems its enrolment code or a manager approves the screen's pairing code.</summary>
public enum DeviceStatus
{
    /// <summary>Enrolment or pairing code issued, not yet used.</summary>
    Pending = 1,
    /// <summary>In use.</summary>
    Active,
    /// <summary>Revoked: its cookie no longer works.</summary>
    Revoked,
}

/// <summary>What a wall screen shows.</summary>
public enum WallView
{
    /// <summary>Key figures and the latest activity.</summary>
    Full = 1,
    /// <summary>Key figures only, for a screen where visitors can read it.</summary>
    FiguresOnly,
}

/// <summary>An enrolled phone or paired screen; <paramref name="LastSeenAt"/> is precise to a minute.</summary>
public sealed record DeviceDto(
    Guid Id, Guid SiteId, DeviceKind Kind, DeviceStatus Status, string Name, Guid? PostId, WallView? View,
    DateTime CreatedAt, DateTime? ActivatedAt, DateTime? RevokedAt, DateTime? LastSeenAt);

/// <summary>Starts enrolling a phone for a post.</summary>
public sealed record EnrolPhoneRequest(Guid PostId, string? Name);

/// <summary>
/// The one-time code a phone redeems at <paramref name="Url"/> (shown as a QR code) before <paramref name="ExpiresAt"/>.
/// A repeat with the same <c>Idempotency-Key</c> answers the same enrolment without its code: <paramref name="Code"/>
/// and <paramref name="Url"/> are null and <paramref name="Notice"/> says the code was shown once.
/// </summary>
public sealed record PhoneEnrolmentDto(DeviceDto Device, string? Code, string? Url, DateTime ExpiresAt, string? Notice = null);

/// <summary>Approves the code a wall screen shows, for this site.</summary>
public sealed record ApproveScreenRequest(string? Code, string? Name, WallView View = WallView.Full);

/// <summary>Sets the signed-in person's phone PIN; the password proves it is them.</summary>
public sealed record SetPinRequest(string? CurrentPassword, string? Pin);

/// <summary>The code from the enrolment link, redeemed by the phone itself.</summary>
public sealed record RedeemEnrolmentRequest(string? Code);

/// <summary>A guard's staff number and PIN, typed on an enrolled phone.</summary>
public sealed record PhoneSignInRequest(string? StaffNumber, string? Pin);

/// <summary>Signed in on the phone; the guard's page is at /sites/{SiteId}/guard.</summary>
public sealed record PhoneSignedInDto(Guid SiteId);

/// <summary>
/// A phone's enrolment code was issued, a phone redeemed it, a screen was paired, or a device was revoked.
/// Carries no name, code or secret: read the device through the API.
/// </summary>
public sealed record DeviceChanged(Guid DeviceId, DeviceKind Kind, Guid? PostId, WallView? View);
