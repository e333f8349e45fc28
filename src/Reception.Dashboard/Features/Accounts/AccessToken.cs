using System.Security.Cryptography;
using System.Text;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// A personal access token: one user acting in one role at one site, for integrations and devices.
/// Only a hash of the secret is kept; the secret is shown once.
/// </summary>
public sealed class AccessToken
{
    public const string Prefix = "rdt_";

    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public Guid SiteId { get; init; }
    public SiteRole Role { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; set; }

    public static (AccessToken Token, string Secret) Create(Guid userId, Guid siteId, SiteRole role, string name, DateTime now, DateTime? expiresAt)
    {
        var secret = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var token = new AccessToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            SiteId = siteId,
            Role = role,
            Name = name,
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, secret);
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsUsable(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <returns>Whether the token was still live.</returns>
    public bool Revoke(DateTime now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        return true;
    }

    public TokenDto ToDto() => new(Id, Name, SiteId, Role, CreatedAt, ExpiresAt, RevokedAt, LastUsedAt);
}

public sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.ToTable("AccessTokens");
        builder.Property(t => t.Name).HasMaxLength(Validation.NameMaxLength);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Site>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
