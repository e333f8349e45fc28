using FluentValidation;

namespace Reception.Dashboard.Features.Incidents;

public sealed class ForwardIncidentValidator : AbstractValidator<ForwardIncident>
{
    public ForwardIncidentValidator() => RuleFor(r => r.DepartmentId).NotNull().WithMessage(_ => IncidentText.Get("GiveDepartment"));
}

/// <summary>
/// The desk forwards an incident at once to the department that handles it (desk §0.1, §4.5), or sends one not yet
/// taken on to another department. The department then sees it in its queue, with the person (desk §2.8).
/// </summary>
public sealed class IncidentForwarding(IncidentWrites writes)
{
    private static readonly ForwardIncidentValidator Validator = new();

    public Task<IncidentDto> ForwardAsync(SiteCall call, Guid incidentId, ForwardIncident request)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        Validator.EnsureValid(request);
        var departmentId = request.DepartmentId!.Value;
        return writes.MoveAsync(call, actor, incidentId, request.Version, $"incidents.forward:{incidentId}", request, async (db, incident, now) =>
        {
            var department = await db.Departments.AsNoTracking()
                .Where(d => d.SiteId == call.SiteId && d.Id == departmentId)
                .Select(d => d.Name)
                .SingleOrDefaultAsync(call.Cancellation)
                ?? throw RuleViolationException.For("departmentId", IncidentText.Get("UnknownDepartment"));
            incident.Forward(departmentId, department, now);
            return EventTypes.IncidentForwarded;
        });
    }
}
