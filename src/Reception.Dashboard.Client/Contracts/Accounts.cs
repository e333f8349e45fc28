namespace Reception.Dashboard.Client.Contracts;

/// <summary>What a person may do at a site. A user holds roles per site, possibly several.</summary>
public enum SiteRole
{
    /// <summary>Command center operator (指挥中心): watches visits live, keeps the archive.</summary>
    CommandCenter = 1,
    /// <summary>Duty foreman (当值领班): reports readiness, manages guards' phones.</summary>
    Foreman,
    /// <summary>Guard at a post or on patrol (执勤岗位 / 巡逻队).</summary>
    Guard,
    /// <summary>Front desk (前台).</summary>
    FrontDesk,
    /// <summary>Customer-service supervisor (客服主管).</summary>
    Supervisor,
    /// <summary>Department or property manager (经理).</summary>
    Manager,
    /// <summary>A department that receives forwarded work (engineering, cleaning…).</summary>
    Department,
    /// <summary>Configures the site and its people.</summary>
    Admin,
}

/// <summary>Signs in with a user name and password; sets the sign-in cookie.</summary>
public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>Who is signed in, and what they hold where.</summary>
public sealed record MeDto(Guid UserId, string UserName, string DisplayName, bool SystemAdmin, IReadOnlyList<SiteRoleDto> Roles);

/// <summary>One role a user holds at one site.</summary>
public sealed record SiteRoleDto(Guid SiteId, SiteRole Role);

/// <summary>Changes the signed-in user's password.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>A user as administrators see it.</summary>
public sealed record UserDto(Guid Id, string UserName, string DisplayName, bool Disabled, bool SystemAdmin, IReadOnlyList<SiteRoleDto> Roles);

/// <summary>
/// Creates a user with a first role at a site (required unless a system administrator creates it);
/// the answer carries a one-time password.
/// </summary>
public sealed record CreateUserRequest(string? UserName, string? DisplayName, Guid? SiteId = null, SiteRole? Role = null);

/// <summary>
/// A user and the password that was set for them, shown this once. A repeat of the request with the
/// same <c>Idempotency-Key</c> answers without the password (<c>null</c>), and <c>notice</c> says so.
/// </summary>
public sealed record UserWithPasswordDto(UserDto User, string? Password, string? Notice = null);

/// <summary>Gives a user a role at a site.</summary>
public sealed record GrantRoleRequest(Guid UserId, SiteRole Role);

/// <summary>Creates the first administrator with the one-time setup code printed at start.</summary>
public sealed record SetupRequest(string? Code, string? UserName, string? DisplayName, string? Password);

/// <summary>Creates a personal access token for one role at one site.</summary>
public sealed record CreateTokenRequest(string? Name, Guid SiteId, SiteRole Role, int? ExpiresInDays);

/// <summary>A personal access token, without its secret.</summary>
public sealed record TokenDto(Guid Id, string Name, Guid SiteId, SiteRole Role, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>
/// A new token and its secret, shown this once: send it as <c>Authorization: Bearer &lt;secret&gt;</c>.
/// A repeat of the request with the same <c>Idempotency-Key</c> answers without the secret (<c>null</c>), and <c>notice</c> says so.
/// </summary>
public sealed record CreatedTokenDto(TokenDto Token, string? Secret, string? Notice = null);

/// <summary>Links a staff record to a user. Over HTTP <paramref name="UserId"/> is required; <c>DELETE</c> on the same address unlinks.</summary>
public sealed record LinkStaffRequest(Guid? UserId);
