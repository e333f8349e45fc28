namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// One signed-in browser or phone. The cookie names its session, and a cookie whose session row is
/// gone is refused on its next request: signing out deletes the row, so a copied cookie is worthless
/// at once, while the person's other browsers and phone stay signed in.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>When the cookie was last issued or renewed; a session idle for longer than a cookie lives is forgotten.</summary>
    public DateTime LastRenewedAt { get; set; }
}

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.UserId, s.LastRenewedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
