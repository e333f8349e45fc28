using Microsoft.AspNetCore.Identity;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>A person who signs in. What they may do comes from their roles per site (<see cref="UserSiteRole"/>).</summary>
public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Manages every site and every account; the first administrator is one.</summary>
    public bool SystemAdmin { get; set; }

    /// <summary>A disabled user cannot sign in, and their cookies, tokens and connections stop working at once.</summary>
    public bool Disabled { get; set; }

    /// <summary>The hashed PIN for signing in on an enrolled guard phone; none until the person sets one.</summary>
    public string? PinHash { get; set; }

    /// <summary>
    /// Wrong PINs since the last right one. PINs lock out on their own: someone at a post phone must
    /// not be able to lock a manager out of their password sign-in.
    /// </summary>
    public int PinFailures { get; set; }

    public DateTime? PinLockedUntil { get; set; }

    public void ClearPin()
    {
        PinHash = null;
        PinFailures = 0;
        PinLockedUntil = null;
    }
}

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.DisplayName).HasMaxLength(Validation.NameMaxLength);
    }
}
