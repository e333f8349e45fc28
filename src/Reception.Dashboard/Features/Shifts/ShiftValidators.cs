using FluentValidation;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Features.Shifts;

public sealed class CreateShiftValidator : AbstractValidator<CreateShift>
{
    public CreateShiftValidator()
    {
        RuleFor(r => r.Kind).KnownValue();
        RuleFor(r => r.Start).NotNull().WithMessage("Enter the start time.");
        RuleFor(r => r.End).NotNull().WithMessage("Enter the end time.")
            .NotEqual(r => r.Start).WithMessage("The end must differ from the start.");
    }
}

public sealed class UpdateShiftValidator : AbstractValidator<UpdateShift>
{
    public UpdateShiftValidator()
    {
        RuleFor(r => r.Start).NotNull().WithMessage("Enter the start time.");
        RuleFor(r => r.End).NotNull().WithMessage("Enter the end time.")
            .NotEqual(r => r.Start).WithMessage("The end must differ from the start.");
    }
}
