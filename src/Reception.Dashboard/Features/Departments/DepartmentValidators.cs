using FluentValidation;

namespace Reception.Dashboard.Features.Departments;

public sealed class CreateDepartmentValidator : AbstractValidator<CreateDepartment>
{
    public CreateDepartmentValidator() => RuleFor(r => r.Name).RequiredName();
}

public sealed class UpdateDepartmentValidator : AbstractValidator<UpdateDepartment>
{
    public UpdateDepartmentValidator() => RuleFor(r => r.Name).RequiredName();
}
