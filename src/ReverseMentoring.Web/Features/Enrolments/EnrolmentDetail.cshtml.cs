using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class EnrolmentDetailModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromRoute]
    public int Id { get; set; }

    public EnrolmentDetail.Result Enrolment { get; private set; } = null!;

    [BindProperty]
    public ApproveEnrolment.Command Approve { get; set; } = new();

    [BindProperty]
    public RejectEnrolment.Command Reject { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Enrolment = await mediator.Send(new EnrolmentDetail.Query(ProgramId, Id), cancellationToken);
        Approve = new ApproveEnrolment.Command { ProgramId = ProgramId, EnrolmentId = Id, Version = Enrolment.Version };
        Reject = new RejectEnrolment.Command { ProgramId = ProgramId, EnrolmentId = Id, Version = Enrolment.Version };
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken)
    {
        Approve.ProgramId = ProgramId;
        Approve.EnrolmentId = Id;
        await mediator.Send(Approve, cancellationToken);
        return LocalRedirect($"/Programs/{ProgramId}/Enrolments/{Id}");
    }

    public async Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken)
    {
        Reject.ProgramId = ProgramId;
        Reject.EnrolmentId = Id;
        await mediator.Send(Reject, cancellationToken);
        return LocalRedirect($"/Programs/{ProgramId}/Enrolments/{Id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Enrolment ??= await mediator.Send(new EnrolmentDetail.Query(ProgramId, Id), cancellationToken);
}

/// <summary>One enrolment in full, as HR reviews it: the whole profile and what happened to it.</summary>
public static class EnrolmentDetail
{
    /// <summary>Why an approval or rejection made on an enrolment changed meanwhile is refused.</summary>
    public const string ConflictMessage =
        "Someone else changed this enrolment while you were reviewing it. Reload to see their changes; your decision was not saved.";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(int ProgramId, int EnrolmentId) : IQuery<Result>;

    public sealed record Skill(string Name, int Level, SkillDirection Direction);

    public sealed record Slot(DayOfWeek Day, TimeOnly Starts, TimeOnly Ends);

    public sealed record Event(DateTime AtUtc, string What, string Detail, string? By);

    public sealed record Result(
        int Id,
        int ProgramId,
        string ProgramName,
        string Name,
        string Email,
        ParticipantRole Role,
        EnrolmentStatus Status,
        string Department,
        string JobLevel,
        string? ManagerEmail,
        string Location,
        string TimeZoneId,
        SessionFormats Formats,
        IReadOnlyList<Skill> Skills,
        IReadOnlyList<Slot> Availability,
        string Interests,
        string Goals,
        DateTime? ConsentedAtUtc,
        string? DecisionReason,
        DateTime CreatedAtUtc,
        IReadOnlyList<Event> History,
        Guid Version,
        TimeZoneInfo ViewerTimeZone)
    {
        public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), ViewerTimeZone);

        public bool CanApprove => Domain.Enrolment.CanBeApproved(Status);

        public bool CanReject => Domain.Enrolment.CanBeRejected(Status);
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var viewerId = current.RequireId();
            var viewerZone = await db.Users.AsNoTracking().Where(u => u.Id == viewerId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
            var e = await db.Enrolments.AsNoTracking()
                .Include(e => e.Program)
                .Include(e => e.User)
                .Include(e => e.Skills).ThenInclude(s => s.Skill)
                .Include(e => e.Availability)
                .Include(e => e.History)
                .AsSplitQuery()
                .SingleOrDefaultAsync(e => e.Id == query.EnrolmentId && e.ProgramId == query.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            var byIds = e.History.Where(h => h.ByUserId is not null).Select(h => h.ByUserId!).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => byIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

            return new Result(e.Id, e.ProgramId, e.Program!.Name, e.User!.DisplayName, e.User.Email ?? "", e.Role, e.Status,
                e.Department, e.JobLevel, e.ManagerEmail, e.Location, e.TimeZoneId, e.Formats,
                e.Skills.OrderByDescending(s => s.Level).ThenBy(s => s.Skill!.Name).Select(s => new Skill(s.Skill!.Name, s.Level, s.Direction)).ToList(),
                e.Availability.OrderBy(s => s.Day == DayOfWeek.Sunday ? 7 : (int)s.Day).ThenBy(s => s.Starts).Select(s => new Slot(s.Day, s.Starts, s.Ends)).ToList(),
                e.Interests, e.Goals, e.ConsentedAtUtc, e.DecisionReason, e.CreatedAtUtc,
                e.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id)
                    .Select(h => new Event(h.AtUtc, h.Event, h.Detail, h.ByUserId is null ? null : names.GetValueOrDefault(h.ByUserId, "a deleted account")))
                    .ToList(),
                e.Version,
                TimeZoneInfo.TryFindSystemTimeZoneById(viewerZone ?? "UTC", out var zone) ? zone : TimeZoneInfo.Utc);
        }
    }
}
