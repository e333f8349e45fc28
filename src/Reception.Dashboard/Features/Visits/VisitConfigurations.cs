using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Visits;

public sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.Property(v => v.Title).HasMaxLength(Visit.TitleMaxLength);
        builder.Property(v => v.Host).HasMaxLength(Validation.NameMaxLength);
        builder.Property(v => v.Notes).HasMaxLength(Visit.NotesMaxLength);
        builder.Property(v => v.CancelReason).HasMaxLength(Visit.ReasonMaxLength);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.Ignore(v => v.ReadyBy);
        builder.HasIndex(v => new { v.SiteId, v.Arrival });
        builder.HasOne<Site>().WithMany().HasForeignKey(v => v.SiteId);
        builder.HasMany(v => v.Posts).WithOne().HasForeignKey(p => p.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Orders).WithOne().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Violations).WithOne().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Notices).WithOne().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VisitPostConfiguration : IEntityTypeConfiguration<VisitPost>
{
    public void Configure(EntityTypeBuilder<VisitPost> builder)
    {
        builder.ToTable("VisitPosts");
        // Ids are made in the entity, so EF must not take a new post found in a tracked visit for an existing one.
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Problem).HasMaxLength(Visit.ReasonMaxLength);
        builder.Property(p => p.PublishedState).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Presence).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.LeaveReason).HasMaxLength(Visit.ReasonMaxLength);
        builder.HasIndex(p => new { p.VisitId, p.PostId }).IsUnique();
        builder.HasOne<Post>().WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.VisitPostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Staff).WithOne().HasForeignKey(s => s.VisitPostId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VisitStaffConfiguration : IEntityTypeConfiguration<VisitStaff>
{
    public void Configure(EntityTypeBuilder<VisitStaff> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Shift).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.VisitPostId, s.StaffId }).IsUnique();
        builder.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VisitItemConfiguration : IEntityTypeConfiguration<VisitItem>
{
    public void Configure(EntityTypeBuilder<VisitItem> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Key).HasMaxLength(ChecklistTemplateItem.KeyMaxLength);
        builder.Property(i => i.Rule).HasMaxLength(ChecklistTemplateItem.RuleMaxLength);
        builder.Property(i => i.TextZh).HasMaxLength(ChecklistTemplateItem.TextMaxLength);
        builder.Property(i => i.TextEn).HasMaxLength(ChecklistTemplateItem.TextMaxLength);
        builder.Property(i => i.DoneByKind).HasMaxLength(16);
        builder.Property(i => i.DoneById).HasMaxLength(64);
        builder.Property(i => i.DoneByRole).HasMaxLength(32);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.Text);
    }
}
public sealed class VisitOrderConfiguration : IEntityTypeConfiguration<VisitOrder>
{
    public void Configure(EntityTypeBuilder<VisitOrder> builder)
    {
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Text).HasMaxLength(VisitOrder.TextMaxLength);
        builder.HasMany(o => o.Recipients).WithOne().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OrderRecipientConfiguration : IEntityTypeConfiguration<OrderRecipient>
{
    public void Configure(EntityTypeBuilder<OrderRecipient> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ByKind).HasMaxLength(16);
        builder.Property(r => r.ById).HasMaxLength(64);
        builder.HasIndex(r => new { r.OrderId, r.PostId }).IsUnique();
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RouteViolationConfiguration : IEntityTypeConfiguration<RouteViolation>
{
    public void Configure(EntityTypeBuilder<RouteViolation> builder)
    {
        builder.ToTable("Violations");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Description).HasMaxLength(RouteViolation.DescriptionMaxLength);
        builder.Property(v => v.Location).HasMaxLength(Validation.NameMaxLength);
        builder.Property(v => v.ReportedBy).HasMaxLength(80);
        builder.HasOne<Post>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class VisitNoticeConfiguration : IEntityTypeConfiguration<VisitNotice>
{
    public void Configure(EntityTypeBuilder<VisitNotice> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasMaxLength(32);
        builder.Property(n => n.DoneByKind).HasMaxLength(16);
        builder.Property(n => n.DoneById).HasMaxLength(64);
        builder.HasIndex(n => new { n.VisitId, n.Kind }).IsUnique();
    }
}
