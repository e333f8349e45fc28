namespace Reception.Dashboard.Features.Accounts;

/// <summary>One role one user holds at one site; turned into claims at sign-in and on every stamp check.</summary>
public sealed class UserSiteRole
{
    public Guid UserId { get; init; }
    public Guid SiteId { get; init; }
    public SiteRole Role { get; init; }
}

public sealed class UserSiteRoleConfiguration : IEntityTypeConfiguration<UserSiteRole>
{
    public void Configure(EntityTypeBuilder<UserSiteRole> builder)
    {
        builder.ToTable("UserSiteRoles");
        builder.HasKey(r => new { r.UserId, r.SiteId, r.Role });
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(r => new { r.SiteId, r.Role });
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
