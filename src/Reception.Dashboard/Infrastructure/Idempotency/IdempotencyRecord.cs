namespace Reception.Dashboard.Infrastructure.Idempotency;

/// <summary>
/// The first result of a command sent with an Idempotency-Key, stored in the command's own
/// transaction: a retry gets this result back and writes nothing.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 100;

    /// <summary>Whose key it is ("user:…", "token:…"): one caller's key never answers for another.</summary>
    public required string Scope { get; init; }

    /// <summary>Chosen by the client, such as a UUID; it names one command wherever the client sends it.</summary>
    public required string Key { get; init; }

    /// <summary>A hash of the operation and its request, so reusing a key for a different request is refused.</summary>
    public required string Fingerprint { get; init; }

    public required string Result { get; init; }
    public DateTime CreatedAt { get; init; }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(80);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
        builder.HasIndex(r => r.CreatedAt);
    }
}
