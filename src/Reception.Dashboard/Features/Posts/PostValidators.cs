using FluentValidation;

namespace Reception.Dashboard.Features.Posts;

public sealed class CreatePostValidator : AbstractValidator<CreatePost>
{
    public CreatePostValidator()
    {
        RuleFor(r => r.Name).RequiredName();
        RuleFor(r => r.Kind).KnownValue();
        RuleFor(r => r.Location).MaxText(Validation.NameMaxLength);
        RuleFor(r => r.RouteOrder).InclusiveBetween(0, 999);
    }
}

public sealed class UpdatePostValidator : AbstractValidator<UpdatePost>
{
    public UpdatePostValidator()
    {
        RuleFor(r => r.Name).RequiredName();
        RuleFor(r => r.Kind).KnownValue();
        RuleFor(r => r.Location).MaxText(Validation.NameMaxLength);
        RuleFor(r => r.RouteOrder).InclusiveBetween(0, 999);
    }
}
