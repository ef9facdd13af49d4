using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class BulkDecideEnrolmentsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    /// <summary>The selection (ticked ids, or the list's filter) and the decision; bound from the list's form, then posted again.</summary>
    [BindProperty(SupportsGet = true)]
    public BulkDecideEnrolments.Command Data { get; set; } = new();

    public BulkDecideEnrolments.Preview Preview { get; private set; } = null!;

    /// <summary>Shows what would happen; an empty or too large selection goes back to the list with the message by its buttons.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (Preview.Problem is { } problem)
        {
            TempData["BulkProblem"] = problem;
            return Redirect(ListUrl());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        var report = await mediator.Send(Data, cancellationToken);
        TempData["BulkReport"] = report.ToJson();
        return Redirect(ListUrl());
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Preview = await mediator.Send(new BulkDecideEnrolments.Query(ProgramId, Data.Decision, Data.Ids, Data.AllMatching, Data.Status, Data.Role), cancellationToken);

    public string ListUrl()
    {
        var query = new List<string>();
        if (Data.Status is { } status)
        {
            query.Add($"status={status}");
        }

        if (Data.Role is { } role)
        {
            query.Add($"role={role}");
        }

        return $"/Programs/{ProgramId}/Enrolments" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}

/// <summary>
/// HR approves or rejects many enrolments of a program at once: the ticked ones, or all that match the list's filter.
/// Each goes through the enrolment's own guarded decision and gets the same e-mail as a single decision, queued in the
/// same transaction; all or nothing, or what can be done, as HR chooses.
/// </summary>
public static class BulkDecideEnrolments
{
    public enum Decision
    {
        Approve = 0,
        Reject = 1,
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(
        int ProgramId, Decision? Decision, IReadOnlyList<int> Ids, bool AllMatching, EnrolmentStatus? Status, ParticipantRole? Role) : IQuery<Preview>;

    /// <summary>What the confirmation shows: who would take the decision, who would refuse it and why, or why nothing can go ahead.</summary>
    public sealed record Preview(int ProgramId, string ProgramName, Decision? Decision, IReadOnlyList<BulkRow> Rows, string? Problem)
    {
        public IReadOnlyList<BulkRow> Ready => Rows.Where(r => r.CanAct).ToList();

        public IReadOnlyList<BulkRow> Refused => Rows.Where(r => !r.CanAct).ToList();
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<BulkReport>
    {
        public int ProgramId { get; set; }

        public Decision? Decision { get; set; }

        public List<int> Ids { get; set; } = [];

        /// <summary>Every enrolment that matches <see cref="Status"/> and <see cref="Role"/>, instead of <see cref="Ids"/>.</summary>
        public bool AllMatching { get; set; }

        public EnrolmentStatus? Status { get; set; }

        public ParticipantRole? Role { get; set; }

        public BulkMode Mode { get; set; }

        /// <summary>One reason for every rejection; the participants see it.</summary>
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).NotNull().WithMessage("Choose whether to approve or to reject the enrolments.").IsInEnum();
            RuleFor(c => c.Mode).IsInEnum().WithMessage("Choose all or nothing, or to do what can be done.");
            RuleFor(c => c.Ids)
                .Must((command, ids) => command.AllMatching || ids.Count > 0)
                .WithMessage(Bulk.SelectionProblem(0, "enrolment", "enrolments"))
                .Must(ids => ids.Distinct().Count() <= Bulk.MaxSelection)
                .WithMessage(command => Bulk.SelectionProblem(command.Ids.Distinct().Count(), "enrolment", "enrolments"));
            RuleFor(c => c.Reason).IsRejectionReason().When(c => c.Decision == BulkDecideEnrolments.Decision.Reject);
            RuleFor(c => c.Status).IsInEnum();
            RuleFor(c => c.Role).IsInEnum();
        }
    }

    public static string Verb(Decision? decision) => decision == Decision.Reject ? "rejected" : "approved";

    /// <summary>The chosen enrolments of the program: the ticked ids (others are not found), or the list's filter.</summary>
    private static IQueryable<Enrolment> Selection(AppDbContext db, int programId, IReadOnlyCollection<int> ids, bool allMatching, EnrolmentStatus? status, ParticipantRole? role) =>
        allMatching
            ? ListEnrolments.Filter(db.Enrolments.Where(e => e.ProgramId == programId), status, role)
            : db.Enrolments.Where(e => e.ProgramId == programId && ids.Contains(e.Id));

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Preview>
    {
        public async ValueTask<Preview> Handle(Query query, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            if (query.Decision is not { } decision || !Enum.IsDefined(decision))
            {
                return new Preview(program.Id, program.Name, null, [], "Choose whether to approve or to reject the enrolments; nothing was done.");
            }

            var ids = (query.Ids ?? []).Distinct().ToList();
            var selection = Selection(db, program.Id, ids, query.AllMatching, query.Status, query.Role).AsNoTracking();
            var count = query.AllMatching ? await selection.CountAsync(cancellationToken) : ids.Count;
            if (Bulk.SelectionProblem(count, "enrolment", "enrolments") is { } problem)
            {
                return new Preview(program.Id, program.Name, decision, [], problem);
            }

            var found = await selection.OrderBy(e => e.User!.DisplayName).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.User!.DisplayName, e.Status })
                .ToListAsync(cancellationToken);
            var rows = found.Select(e => new BulkRow(e.Id, e.DisplayName, WouldRefuse(decision, e.Status))).ToList();
            if (!query.AllMatching)
            {
                rows.AddRange(Bulk.Missing(ids, found.Select(e => e.Id), "enrolment"));
            }

            return new Preview(program.Id, program.Name, decision, rows, null);
        }

        private static string? WouldRefuse(Decision decision, EnrolmentStatus status) => decision switch
        {
            Decision.Approve when !Enrolment.CanBeApproved(status) => $"only pending or rejected enrolments can be approved; this one is {EnrolmentRules.Describe(status).ToLowerInvariant()}",
            Decision.Reject when !Enrolment.CanBeRejected(status) => $"only pending or approved enrolments can be rejected; this one is {EnrolmentRules.Describe(status).ToLowerInvariant()}",
            _ => null,
        };
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, TimeProvider clock) : ICommandHandler<Command, BulkReport>
    {
        public async ValueTask<BulkReport> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == command.ProgramId).Select(p => new { p.Id, p.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var ids = command.Ids.Distinct().ToList();
            var selection = Selection(db, program.Id, ids, command.AllMatching, command.Status, command.Role);
            if (command.AllMatching && Bulk.SelectionProblem(await selection.CountAsync(cancellationToken), "enrolment", "enrolments") is { } problem)
            {
                throw RequestValidationException.For(command, nameof(Command.Ids), problem);
            }

            // All the chosen enrolments with their people in one query, however many there are.
            var enrolments = await selection.Include(e => e.User).Include(e => e.Program).OrderBy(e => e.User!.DisplayName).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            var by = current.RequireId();
            var now = clock.GetUtcNow().UtcDateTime;
            var decision = command.Decision!.Value;
            var grant = decision == Decision.Approve ? await RoleGrantsAsync(enrolments, cancellationToken) : null;

            var rows = Bulk.Apply(enrolments, e => e.Id, e => e.User!.DisplayName, enrolment =>
            {
                if (decision == Decision.Reject)
                {
                    enrolment.Reject(by, command.Reason!, now);
                    return;
                }

                var role = enrolment.Role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee;
                var granted = grant!.Missing(enrolment.UserId, role);
                enrolment.Approve(by, now, granted ? $"Approved; the {role.ToLowerInvariant()} role was given to the account." : "Approved.");
                if (granted)
                {
                    grant.Give(db, enrolment.UserId, role);
                }
            });
            if (!command.AllMatching)
            {
                rows.AddRange(Bulk.Missing(ids, enrolments.Select(e => e.Id), "enrolment"));
            }

            var report = Bulk.Settle(command, command.Mode, rows, Verb(decision), "enrolment", "enrolments");

            var decided = rows.Where(r => r.CanAct).Select(r => r.Id).ToHashSet();
            var link = links.To($"/Participant/Programs/{program.Id}");
            var wording = await ProgramEmails.WordingAsync(
                db, program.Id, decision == Decision.Approve ? EmailKind.EnrolmentApproved : EmailKind.EnrolmentRejected, cancellationToken);
            await outbox.QueueAsync(enrolments.Where(e => decided.Contains(e.Id))
                .Select(e => decision == Decision.Approve ? EnrolmentMail.Approved(e, wording, link) : EnrolmentMail.Rejected(e, wording, link))
                .ToList(), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw RequestValidationException.For(command, "", EnrolmentDetail.ConflictMessage);
            }

            return report;
        }

        /// <summary>Which of the people already hold the mentor and mentee roles, read in one query.</summary>
        private async Task<RoleGrants> RoleGrantsAsync(IReadOnlyList<Enrolment> enrolments, CancellationToken cancellationToken)
        {
            var roleIds = await db.Roles.Where(r => r.Name == Roles.Mentor || r.Name == Roles.Mentee)
                .ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
            var userIds = enrolments.Select(e => e.UserId).Distinct().ToList();
            var held = await db.UserRoles.Where(ur => userIds.Contains(ur.UserId) && roleIds.Values.Contains(ur.RoleId))
                .Select(ur => new { ur.UserId, ur.RoleId })
                .ToListAsync(cancellationToken);
            return new RoleGrants(roleIds, held.Select(h => (h.UserId, h.RoleId)).ToHashSet());
        }
    }

    /// <summary>The roles an approval gives, each once per person even when two of their enrolments are approved together.</summary>
    private sealed class RoleGrants(Dictionary<string, string> roleIds, HashSet<(string UserId, string RoleId)> held)
    {
        public bool Missing(string userId, string role) => !held.Contains((userId, roleIds[role]));

        public void Give(AppDbContext db, string userId, string role)
        {
            if (held.Add((userId, roleIds[role])))
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleIds[role] });
            }
        }
    }
}
