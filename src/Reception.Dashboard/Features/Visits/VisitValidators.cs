using FluentValidation;

namespace Reception.Dashboard.Features.Visits;

public sealed class AnnounceVisitValidator : AbstractValidator<AnnounceVisit>
{
    public const int MaxRoute = 50;
    public const int MaxPosts = 200;

    public AnnounceVisitValidator()
    {
        RuleFor(r => r.Title).NotEmpty().WithMessage(_ => VisitText.Get("GiveTitle"))
            .MaxText(Visit.TitleMaxLength);
        RuleFor(r => r.Level).InclusiveBetween(1, 3).WithMessage(_ => VisitText.Get("VisitLevel"));
        RuleFor(r => r.Arrival).NotNull().WithMessage(_ => VisitText.Get("GiveArrival"));
        RuleFor(r => r.Route).NotEmpty().WithMessage(_ => VisitText.Get("GiveRoute"))
            .Must(r => r is null || r.Count <= MaxRoute).WithMessage(_ => VisitText.Get("RouteTooLong", MaxRoute));
        RuleFor(r => r.Host).MaxText(Validation.NameMaxLength);
        RuleFor(r => r.Notes).MultiLineText(Visit.NotesMaxLength);
        RuleFor(r => r.Posts).Must(p => p is null || p.Count <= MaxPosts).WithMessage(_ => VisitText.Get("PlanTooLong", MaxPosts));
        RuleForEach(r => r.Posts).NotNull().WithMessage(_ => VisitText.Get("UnknownPost"));
    }
}

public sealed class ChecklistTemplateValidator : AbstractValidator<ChecklistTemplateItemDto>
{
    public const int MaxMinutesBefore = 24 * 60;

    public ChecklistTemplateValidator()
    {
        RuleFor(i => i.Key).NotEmpty().WithMessage(_ => VisitText.Get("GiveKey"))
            .MaxText(ChecklistTemplateItem.KeyMaxLength);
        RuleFor(i => i.Rule).NotEmpty().WithMessage(_ => VisitText.Get("GiveRule"))
            .MaxText(ChecklistTemplateItem.RuleMaxLength);
        RuleFor(i => i.TextZh).NotEmpty().WithMessage(_ => VisitText.Get("GiveText"))
            .MaxText(ChecklistTemplateItem.TextMaxLength);
        RuleFor(i => i.TextEn).NotEmpty().WithMessage(_ => VisitText.Get("GiveText"))
            .MaxText(ChecklistTemplateItem.TextMaxLength);
        RuleFor(i => i.PostKinds).NotEmpty().WithMessage(_ => VisitText.Get("GivePostKinds"))
            .Must(k => k is null || k.All(Enum.IsDefined)).WithMessage(_ => Validation.ChooseOneOf<PostKind>());
        RuleFor(i => i.Levels).NotEmpty().WithMessage(_ => VisitText.Get("VisitLevel"))
            .Must(l => l is null || l.All(level => level is >= 1 and <= 3)).WithMessage(_ => VisitText.Get("VisitLevel"));
        RuleFor(i => i.MinutesBefore).InclusiveBetween(0, MaxMinutesBefore).WithMessage(_ => VisitText.Get("MinutesBefore", MaxMinutesBefore));
    }
}
