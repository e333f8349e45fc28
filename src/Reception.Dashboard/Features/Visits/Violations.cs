using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Infrastructure.Outbound;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// Violations and outsiders on the grounds and the route (§4.2.2, §4.4.4, §4.5.2): a patrol or post
/// reports one; whoever reported it, the post it is at, a patrol of the visit or the command center clears it.
/// </summary>
public sealed class Violations(VisitWrites visits, Outbox outbox)
{
    public Task<VisitDto> ReportAsync(SiteCall call, Guid visitId, ReportViolation request)
    {
        var actor = call.Demand(Permission.TickOwnPost);
        var description = Check(request);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.violation:{visitId}", request, async (db, visit, events, now) =>
        {
            var violation = visit.ReportViolation(request.Kind, description, request.PostId, Validation.TrimToNull(request.Location), VisitMapping.ActorKey(actor), now);
            events.Add(EventTypes.ViolationReported, violation.ToEvent(), visit.Id);
            var where = violation.PostId is { } id ? await db.Posts.NameOfAsync(id, call.Cancellation) : violation.Location ?? "";
            outbox.Enqueue(db, events, call.SiteId, visit.Id, VisitChannels.Chat, ChatAlert.Violation(visit.Title, where, violation.Description));
        });
    }

    public Task<VisitDto> ClearAsync(SiteCall call, Guid visitId, Guid violationId)
    {
        var actor = call.Demand(Permission.TickOwnPost);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.violation-clear:{violationId}", null, async (db, visit, events, now) =>
        {
            var violation = visit.Violations.SingleOrDefault(v => v.Id == violationId) ?? throw new NotFoundException(VisitText.Get("Entity.Violation"), violationId);
            var own = await PostAccess.OwnPostsAsync(db, call, visit);
            var inVisit = own.Where(id => visit.Posts.Any(p => p.PostId == id)).ToList();
            var patrols = await db.Posts.Where(p => inVisit.Contains(p.Id) && p.Kind == PostKind.PatrolTeam).AnyAsync(call.Cancellation);
            var mayClear = call.Allows(Permission.TickAnyPost) || patrols
                || violation.ReportedBy == VisitMapping.ActorKey(actor)
                || (violation.PostId is { } at && own.Contains(at));
            if (!mayClear)
            {
                throw new ForbiddenException(VisitText.Get("NotYourViolation"));
            }

            visit.EnsureOpen();
            if (violation.Clear(now))
            {
                events.Add(EventTypes.ViolationCleared, violation.ToEvent(), visit.Id);
            }
        });
    }

    /// <returns>The description, trimmed.</returns>
    private static string Check(ReportViolation request)
    {
        var errors = new Dictionary<string, string[]>();
        var description = Validation.TrimToNull(request.Description);
        if (!Enum.IsDefined(request.Kind))
        {
            errors["kind"] = [Validation.ChooseOneOf<ViolationKind>()];
        }

        if (description is null || description.Length > RouteViolation.DescriptionMaxLength)
        {
            errors["description"] = [description is null ? VisitText.Get("GiveViolation") : ErrorText.Get("MaxLength", RouteViolation.DescriptionMaxLength)];
        }
        else if (Validation.HasControlCharacters(description, multiLine: true))
        {
            errors["description"] = [Validation.ControlCharactersRefused()];
        }

        if (Validation.TrimToNull(request.Location) is { Length: > Validation.NameMaxLength })
        {
            errors["location"] = [ErrorText.Get("MaxLength", Validation.NameMaxLength)];
        }
        else if (Validation.HasControlCharacters(request.Location))
        {
            errors["location"] = [Validation.ControlCharactersRefused()];
        }

        return errors.Count > 0 ? throw new RuleViolationException(errors) : description!;
    }
}
