using System.Security.Cryptography;
using System.Text;
using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Devices;

/// <summary>
/// A guard phone or a wall screen. The device holds a secret in a cookie; only its hash is kept.
/// A phone is created by a foreman with a one-time enrolment code and gets its secret when it
/// redeems the code. A screen gets its secret first, shows a short pairing code, and becomes
/// active when a manager approves that code for a site.
/// </summary>
public sealed class Device
{
    public const string SecretPrefix = "rdd_";

    // No 0/O, 1/I/L: the pairing code is read off a screen across a room.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int PairingCodeLength = 6;
    public const int EnrolmentCodeLength = 10;

    public Guid Id { get; init; }
    public DeviceKind Kind { get; init; }
    public DeviceStatus Status { get; private set; } = DeviceStatus.Pending;

    /// <summary>Null only for a screen still waiting to be paired.</summary>
    public Guid? SiteId { get; private set; }

    /// <summary>A phone's post.</summary>
    public Guid? PostId { get; init; }

    public string Name { get; private set; } = "";
    public WallView? View { get; private set; }
    public string? SecretHash { get; private set; }

    /// <summary>A phone's enrolment code (hashed) or a screen's pairing code (as shown), while pending.</summary>
    public string? Code { get; private set; }

    public DateTime? CodeExpiresAt { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ActivatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastSeenAt { get; set; }

    /// <summary>Who enrolled the phone or approved the screen.</summary>
    public Guid? ApprovedBy { get; private set; }

    public static (Device Phone, string EnrolmentCode) EnrolPhone(Guid siteId, Guid postId, string name, Guid foremanId, DateTime now, TimeSpan codeLifetime)
    {
        var code = RandomCode(EnrolmentCodeLength);
        var phone = new Device
        {
            Id = Guid.CreateVersion7(),
            Kind = DeviceKind.GuardPhone,
            SiteId = siteId,
            PostId = postId,
            Name = name,
            Code = Hash(code),
            CodeExpiresAt = now + codeLifetime,
            CreatedAt = now,
            ApprovedBy = foremanId,
        };
        return (phone, code);
    }

    public static (Device Screen, string Secret) WaitForPairing(DateTime now, TimeSpan codeLifetime)
    {
        var secret = NewSecret();
        var screen = new Device
        {
            Id = Guid.CreateVersion7(),
            Kind = DeviceKind.WallScreen,
            SecretHash = Hash(secret),
            CreatedAt = now,
        };
        screen.RenewPairingCode(now, codeLifetime);
        return (screen, secret);
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Upper case, no separators: what a person types after reading it off a screen or a phone.</summary>
    public static string NormalizeCode(string? code) =>
        new((code ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public bool CodeValid(DateTime now) => Status == DeviceStatus.Pending && CodeExpiresAt > now;

    public bool IsActive => Status == DeviceStatus.Active;

    public void RenewPairingCode(DateTime now, TimeSpan codeLifetime)
    {
        Code = RandomCode(PairingCodeLength);
        CodeExpiresAt = now + codeLifetime;
    }

    /// <returns>The phone's secret, for its cookie.</returns>
    public string RedeemEnrolment(DateTime now)
    {
        var secret = NewSecret();
        SecretHash = Hash(secret);
        Activate(now);
        return secret;
    }

    public void ApprovePairing(Guid siteId, string name, WallView view, Guid managerId, DateTime now)
    {
        SiteId = siteId;
        Name = name;
        View = view;
        ApprovedBy = managerId;
        Activate(now);
    }

    /// <returns>Whether the device was still usable.</returns>
    public bool Revoke(DateTime now)
    {
        if (Status == DeviceStatus.Revoked)
        {
            return false;
        }

        Status = DeviceStatus.Revoked;
        RevokedAt = now;
        Code = null;
        CodeExpiresAt = null;
        return true;
    }

    /// <summary>What the stream says of this device: no name, code or secret.</summary>
    public DeviceChanged ToEvent() => new(Id, Kind, PostId, View);

    public DeviceDto ToDto() => new(Id, SiteId ?? Guid.Empty, Kind, Status, Name, PostId, View, CreatedAt, ActivatedAt, RevokedAt, LastSeenAt);

    private void Activate(DateTime now)
    {
        Status = DeviceStatus.Active;
        ActivatedAt = now;
        Code = null;
        CodeExpiresAt = null;
    }

    private static string NewSecret() => SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string RandomCode(int length) => RandomNumberGenerator.GetString(CodeAlphabet, length);
}

public sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.ToTable("Devices");
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        // Two phones redeeming one code, or two managers approving one screen: the second finds the status changed.
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(d => d.View).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Name).HasMaxLength(Validation.NameMaxLength);
        builder.Property(d => d.SecretHash).HasMaxLength(64);
        builder.Property(d => d.Code).HasMaxLength(64);
        builder.HasIndex(d => d.SecretHash).IsUnique();
        builder.HasIndex(d => d.Code).IsUnique();
        builder.HasIndex(d => d.SiteId);
        builder.HasOne<Site>().WithMany().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(d => d.PostId).OnDelete(DeleteBehavior.Restrict);
    }
}
