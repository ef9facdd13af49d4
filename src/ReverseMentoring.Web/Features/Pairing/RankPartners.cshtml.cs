using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing.Engine;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Pairing;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class RankPartnersModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public RankPartners.Command Data { get; set; } = new();

    public RankPartners.Result View { get; private set; } = null!;

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = await mediator.Send(new RankPartners.Query(ProgramId), cancellationToken);
        Data = new RankPartners.Command
        {
            ProgramId = ProgramId,
            Choices = View.Partners.Select(p => new RankPartners.Choice { PartnerId = p.EnrolmentId, Rank = p.Rank }).ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        var count = await mediator.Send(Data, cancellationToken);
        Saved = count == 0 ? "Your ranking is cleared." : $"Your ranking of {count} {(count == 1 ? "partner" : "partners")} is saved.";
        return LocalRedirect($"/Participant/Programs/{ProgramId}/RankPartners");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        View ??= await mediator.Send(new RankPartners.Query(ProgramId), cancellationToken);
}

/// <summary>
/// In a preference-led program, an approved participant without a pair ranks up to five of the partners the engine
/// proposes to them (their best-fitting allowed partners); the next pairing run honours the ranks within the hard rules.
/// </summary>
public static class RankPartners
{
    /// <summary>How many best-fitting partners a participant is offered to rank from.</summary>
    public const int ProposedCount = 10;

    public enum Standing
    {
        /// <summary>The participant may rank now.</summary>
        Open = 0,

        /// <summary>HR makes this program's pairs (or mentees request mentors): nothing to rank.</summary>
        NotPreferenceLed = 1,

        /// <summary>The participant's enrolment is not approved (pending, rejected or withdrawn).</summary>
        NotApproved = 2,

        /// <summary>The participant already has a proposed or accepted pair (or a mentor has no place left).</summary>
        Paired = 3,

        /// <summary>The program is not matching or running.</summary>
        NotMatching = 4,
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int ProgramId) : IQuery<Result>;

    public sealed record Partner(int EnrolmentId, string Name, string Department, int Percent, int? Rank);

    /// <param name="Place">The participant's place on the program's wait list, when they wait for a partner.</param>
    public sealed record Result(int ProgramId, string ProgramName, Standing Standing, ParticipantRole? Role, IReadOnlyList<Partner> Partners, int Dropped, WaitList.Waiting? Place);

    public sealed class Choice
    {
        public int PartnerId { get; set; }

        public int? Rank { get; set; }
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int ProgramId { get; set; }

        public List<Choice> Choices { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Choices).Must(c => c.Count <= 50).WithMessage("Rank at most the partners listed.");
            RuleForEach(c => c.Choices).ChildRules(choice => choice.RuleFor(c => c.Rank)
                .InclusiveBetween(1, MatchingSettings.MaxRankedPartners)
                .When(c => c.Rank is not null and not 0)
                .WithMessage($"Choose a rank from 1 to {MatchingSettings.MaxRankedPartners}, or leave it blank."));
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var situation = await SituationAsync(db, current.RequireId(), query.ProgramId, cancellationToken);
            var ranks = situation.Me is null ? [] : await db.PartnerPreferences.AsNoTracking()
                .Where(p => p.EnrolmentId == situation.Me.Id)
                .Select(p => new { p.PartnerEnrolmentId, p.Rank })
                .ToDictionaryAsync(p => p.PartnerEnrolmentId, p => p.Rank, cancellationToken);
            var partners = situation.Proposed.Select(p => p with { Rank = ranks.TryGetValue(p.EnrolmentId, out var rank) ? rank : null }).ToList();
            var place = situation.Me is null ? null
                : (await WaitList.LoadAsync(db, situation.Program.Id, cancellationToken)).FirstOrDefault(w => w.EnrolmentId == situation.Me.Id);
            return new Result(situation.Program.Id, situation.Program.Name, situation.Standing, situation.Me?.Role, partners,
                ranks.Keys.Count(id => partners.All(p => p.EnrolmentId != id)), place);
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var situation = await SituationAsync(db, current.RequireId(), command.ProgramId, cancellationToken);
            if (situation.Standing != Standing.Open || situation.Me is null)
            {
                throw RequestValidationException.For(command, "", Explain(situation.Standing));
            }

            var choices = command.Choices.Select(c => (c.PartnerId, c.Rank)).ToList();
            var unknown = choices.Where(c => c.Rank is not null and not 0).Select(c => c.PartnerId).ToList();
            var elsewhere = (await db.Enrolments.AsNoTracking()
                .Where(e => unknown.Contains(e.Id) && e.ProgramId != situation.Program.Id)
                .Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
            var problems = PartnerPreference.Problems(choices, situation.Proposed.ToDictionary(p => p.EnrolmentId, p => p.Name), elsewhere);
            if (problems.Count > 0)
            {
                throw new RequestValidationException(command, problems
                    .Select(p => new ValidationFailure(p.Index < 0 ? "" : $"{nameof(Command.Choices)}[{p.Index}].{nameof(Choice.Rank)}", p.Message))
                    .ToList());
            }

            // The new ranking replaces the old one whole; removing first keeps the unique ranks free for the new rows.
            var now = clock.GetUtcNow().UtcDateTime;
            var old = await db.PartnerPreferences.Where(p => p.EnrolmentId == situation.Me.Id).ToListAsync(cancellationToken);
            db.PartnerPreferences.RemoveRange(old);
            await db.SaveChangesAsync(cancellationToken);
            var fresh = choices.Where(c => c.Rank is not null and not 0)
                .Select(c => new PartnerPreference
                {
                    ProgramId = situation.Program.Id,
                    EnrolmentId = situation.Me.Id,
                    PartnerEnrolmentId = c.PartnerId,
                    Rank = c.Rank!.Value,
                    RankedAtUtc = now,
                })
                .ToList();
            db.PartnerPreferences.AddRange(fresh);
            await db.SaveChangesAsync(cancellationToken);
            return fresh.Count;
        }
    }

    public static string Explain(Standing standing) => standing switch
    {
        Standing.NotPreferenceLed => "In this program HR makes the pairs, so there is nothing to rank.",
        Standing.NotApproved => "You can rank partners once HR has approved your enrolment.",
        Standing.Paired => "You already have a pair in this program, so there is nothing to rank.",
        Standing.NotMatching => "Ranking opens when HR starts matching this program.",
        _ => "",
    };

    private sealed record Me(int Id, ParticipantRole Role);

    private sealed record Situation(MentoringProgram Program, Me? Me, Standing Standing, IReadOnlyList<Partner> Proposed);

    /// <summary>The program, the caller's enrolment in it and, when they may rank, the partners proposed to them.</summary>
    private static async Task<Situation> SituationAsync(AppDbContext db, string userId, int programId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken)
            ?? throw new NotFoundException();
        var enrolment = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgramId == programId && e.UserId == userId)
            .OrderBy(e => e.Status == EnrolmentStatus.Approved ? 0 : 1).ThenByDescending(e => e.Id)
            .Select(e => new { e.Id, e.Role, e.Status })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException();
        var me = new Me(enrolment.Id, enrolment.Role);
        if (program.Matching.Mode != MatchingMode.PreferenceLed)
        {
            return new Situation(program, me, Standing.NotPreferenceLed, []);
        }

        if (enrolment.Status != EnrolmentStatus.Approved)
        {
            return new Situation(program, me, Standing.NotApproved, []);
        }

        if (!RunPairing.CanRun(program))
        {
            return new Situation(program, me, Standing.NotMatching, []);
        }

        var round = await RunPairing.LoadRoundAsync(db, program, cancellationToken);
        var best = PairingEngine.BestPartners(round, enrolment.Id, ProposedCount);
        if (best.Count == 0 && (round.Accepted.Any(p => p.MenteeId == enrolment.Id)
            || round.Accepted.Count(p => p.MentorId == enrolment.Id) >= Math.Max(1, program.MentorCapacity)))
        {
            return new Situation(program, me, Standing.Paired, []);
        }

        var names = round.Candidates.ToDictionary(c => c.Id);
        return new Situation(program, me, Standing.Open,
            best.Select(b => new Partner(b.PartnerId, names[b.PartnerId].Name, names[b.PartnerId].Department, b.Percent, null)).ToList());
    }

    /// <summary>
    /// For the participant's home: each preference-led program where they wait for a partner, asking them to rank (or
    /// telling them their place on the wait list once they have).
    /// </summary>
    public static async Task<IReadOnlyList<ParticipantAction>> ToDoAsync(AppDbContext db, string userId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.UserId == userId && e.Status == EnrolmentStatus.Approved)
            .Where(e => db.Programs.Any(p => p.Id == e.ProgramId && p.ArchivedAtUtc == null
                && (p.Status == ProgramStatus.Matching || p.Status == ProgramStatus.Running)
                && p.Matching.Mode == MatchingMode.PreferenceLed))
            .Where(e => !db.Pairs.Any(p => (p.MentorEnrolmentId == e.Id || p.MenteeEnrolmentId == e.Id)
                && (p.Status == PairStatus.Proposed || p.Status == PairStatus.Accepted)))
            .Select(e => new
            {
                e.Id,
                e.ProgramId,
                ProgramName = db.Programs.Where(p => p.Id == e.ProgramId).Select(p => p.Name).First(),
                Ranked = db.PartnerPreferences.Any(p => p.EnrolmentId == e.Id),
                e.CreatedAtUtc,
            })
            .Take(ParticipantToDo.PerKind)
            .ToListAsync(cancellationToken);
        var items = new List<ParticipantAction>();
        foreach (var e in enrolments)
        {
            var place = (await WaitList.LoadAsync(db, e.ProgramId, cancellationToken)).FirstOrDefault(w => w.EnrolmentId == e.Id);
            var waiting = place is null ? "" : $" (number {place.Position} waiting for a partner)";
            items.Add(new ParticipantAction(
                ParticipantActionKind.RankPartners,
                e.Ranked ? $"Check your ranked partners in {e.ProgramName}{waiting}" : $"Rank your preferred partners in {e.ProgramName}{waiting}",
                $"/Participant/Programs/{e.ProgramId}/RankPartners", e.CreatedAtUtc));
        }

        return items;
    }
}
