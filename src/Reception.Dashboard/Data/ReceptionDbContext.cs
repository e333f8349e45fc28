using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Reception.Dashboard.Features.Departments;
using Reception.Dashboard.Features.Devices;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Features.Roster;
using Reception.Dashboard.Features.Shifts;
using Reception.Dashboard.Features.Staff;
using Reception.Dashboard.Features.Units;
using Reception.Dashboard.Features.Visits;
using Reception.Dashboard.Infrastructure.Idempotency;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Data;

public sealed class ReceptionDbContext(DbContextOptions<ReceptionDbContext> options) : IdentityUserContext<User, Guid>(options)
{
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Shift> Shifts => Set<Shift>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<SiteStream> SiteStreams => Set<SiteStream>();
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<UserSiteRole> UserSiteRoles => Set<UserSiteRole>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<RosterEntry> Roster => Set<RosterEntry>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<VisitItem> VisitItems => Set<VisitItem>();
    public DbSet<ChecklistTemplateItem> ChecklistTemplate => Set<ChecklistTemplateItem>();
    public DbSet<DueJob> DueJobs => Set<DueJob>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentEscalation> IncidentEscalations => Set<IncidentEscalation>();
    public DbSet<IncidentTimeLimit> IncidentTimeLimits => Set<IncidentTimeLimit>();
    public DbSet<IncidentPromise> IncidentPromises => Set<IncidentPromise>();
    public DbSet<Infrastructure.Outbound.OutboundMessage> OutboundMessages => Set<Infrastructure.Outbound.OutboundMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReceptionDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
}
