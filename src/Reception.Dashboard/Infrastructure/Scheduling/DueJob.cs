using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Sites;

namespace Reception.Dashboard.Infrastructure.Scheduling;

/// <summary>
/// Something that must happen at a time: a deadline to mark late, an arrival to announce. Jobs are
/// rows, so they survive a restart; <see cref="FiredAt"/> makes each fire once.
/// </summary>
public sealed class DueJob
{
    public Guid Id { get; init; }
    public Guid SiteId { get; init; }

    /// <summary>Which <see cref="IDueJobHandler"/> fires it.</summary>
    public string Kind { get; init; } = "";

    /// <summary>What it is about: a checklist item, a visit.</summary>
    public Guid TargetId { get; init; }

    /// <summary>What it belongs to, so that cancelling the owner disarms all of its jobs at once.</summary>
    public Guid OwnerId { get; init; }

    public DateTime DueAt { get; set; }
    public DateTime? FiredAt { get; set; }
}

public sealed class DueJobConfiguration : IEntityTypeConfiguration<DueJob>
{
    public void Configure(EntityTypeBuilder<DueJob> builder)
    {
        builder.Property(j => j.Kind).HasMaxLength(40);
        builder.HasIndex(j => new { j.Kind, j.TargetId }).IsUnique();
        builder.HasIndex(j => new { j.FiredAt, j.DueAt });
        builder.HasIndex(j => j.OwnerId);
        builder.HasOne<Site>().WithMany().HasForeignKey(j => j.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How features arm and disarm jobs, inside their own write so that a job and its cause commit together.</summary>
public static class DueJobs
{
    /// <summary>Sets the job to fire at <paramref name="dueAt"/>; a job moved to a new time fires again, once.</summary>
    public static async Task ArmAsync(ReceptionDbContext db, Guid siteId, string kind, Guid targetId, Guid ownerId, DateTime dueAt, CancellationToken ct)
    {
        var job = db.DueJobs.Local.SingleOrDefault(j => j.Kind == kind && j.TargetId == targetId)
            ?? await db.DueJobs.SingleOrDefaultAsync(j => j.Kind == kind && j.TargetId == targetId, ct);
        if (job is null)
        {
            db.DueJobs.Add(new DueJob { Id = Guid.CreateVersion7(), SiteId = siteId, Kind = kind, TargetId = targetId, OwnerId = ownerId, DueAt = dueAt });
        }
        else if (job.DueAt != dueAt)
        {
            (job.DueAt, job.FiredAt) = (dueAt, null);
        }
    }

    /// <summary>Arms many jobs of one kind and owner at once, reading the owner's jobs in one query.</summary>
    public static async Task ArmAllAsync(ReceptionDbContext db, Guid siteId, Guid ownerId, string kind, IEnumerable<(Guid TargetId, DateTime DueAt)> jobs, CancellationToken ct)
    {
        var existing = await db.DueJobs.Where(j => j.OwnerId == ownerId && j.Kind == kind).ToDictionaryAsync(j => j.TargetId, ct);
        foreach (var (targetId, dueAt) in jobs)
        {
            if (!existing.TryGetValue(targetId, out var job))
            {
                db.DueJobs.Add(new DueJob { Id = Guid.CreateVersion7(), SiteId = siteId, Kind = kind, TargetId = targetId, OwnerId = ownerId, DueAt = dueAt });
            }
            else if (job.DueAt != dueAt)
            {
                (job.DueAt, job.FiredAt) = (dueAt, null);
            }
        }
    }

    public static async Task DisarmAsync(ReceptionDbContext db, string kind, Guid targetId, CancellationToken ct) =>
        await db.DueJobs.Where(j => j.Kind == kind && j.TargetId == targetId && j.FiredAt == null).ExecuteDeleteAsync(ct);

    /// <summary>Removes every job of <paramref name="ownerId"/> that has not fired.</summary>
    public static async Task DisarmOwnerAsync(ReceptionDbContext db, Guid ownerId, CancellationToken ct) =>
        await db.DueJobs.Where(j => j.OwnerId == ownerId && j.FiredAt == null).ExecuteDeleteAsync(ct);
}
