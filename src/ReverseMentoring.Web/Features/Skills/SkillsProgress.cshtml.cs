using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Skills;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class SkillsProgressModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int PairId { get; set; }

    [BindProperty]
    public RateSkills.Command Data { get; set; } = new();

    public SkillsProgress.Result Progress { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Progress = await mediator.Send(new SkillsProgress.Query(PairId), cancellationToken);
        if (Progress.OpenStage is { } stage)
        {
            Data = new RateSkills.Command
            {
                PairId = PairId,
                Stage = stage,
                Ratings = Progress.Skills.Select(s => new RateSkills.Item { SkillId = s.SkillId, Level = stage == SkillRatingStage.Start ? s.Before : s.After }).ToList(),
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.PairId = PairId;
        await mediator.Send(Data, cancellationToken);
        Message = Data.Stage == SkillRatingStage.Start ? "Your starting levels were saved." : "Your levels at the end were saved.";
        return Redirect($"/Participant/Skills/Progress/{PairId}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Progress ??= await mediator.Send(new SkillsProgress.Query(PairId), cancellationToken);
}

/// <summary>The skills a pair works on, and the viewer's own self-ratings of them at the start and at the end.</summary>
public static class SkillsProgress
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int PairId) : IQuery<Result>;

    public sealed record Skill(int SkillId, string Name, int? Before, int? After);

    public sealed record Result(int PairId, int ProgramId, string ProgramName, string PartnerName, ParticipantRole MyRole, PairStatus Status, IReadOnlyList<Skill> Skills)
    {
        /// <summary>The stage the viewer may rate now: the start while the pair runs, the end once it has ended.</summary>
        public SkillRatingStage? OpenStage => Status switch
        {
            PairStatus.Accepted => SkillRatingStage.Start,
            PairStatus.Ended => SkillRatingStage.End,
            _ => null,
        };
    }

    /// <summary>One side of a pair, as the person signed in; null when they are neither side.</summary>
    public sealed record MySide(Pair Pair, ParticipantRole Role, int EnrolmentId);

    public static async Task<MySide?> FindMySideAsync(AppDbContext db, int pairId, string userId, bool track, CancellationToken cancellationToken)
    {
        var pairs = track ? db.Pairs : db.Pairs.AsNoTracking();
        var found = await pairs.OfParticipant(userId)
            .Where(p => p.Id == pairId)
            .Select(p => new { Pair = p, MentorUserId = p.MentorEnrolment!.UserId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        return found.MentorUserId == userId
            ? new MySide(found.Pair, ParticipantRole.Mentor, found.Pair.MentorEnrolmentId)
            : new MySide(found.Pair, ParticipantRole.Mentee, found.Pair.MenteeEnrolmentId);
    }

    /// <summary>
    /// The skills in play: those the mentor teaches that the mentee wants to learn; when they share none, what the
    /// mentee wants to learn.
    /// </summary>
    public static async Task<List<(int Id, string Name)>> SkillsInPlayAsync(AppDbContext db, Pair pair, CancellationToken cancellationToken)
    {
        var wanted = db.EnrolmentSkills.AsNoTracking()
            .Where(s => s.EnrolmentId == pair.MenteeEnrolmentId && s.Direction == SkillDirection.Learn);
        var shared = await wanted
            .Where(s => db.EnrolmentSkills.Any(t => t.EnrolmentId == pair.MentorEnrolmentId && t.Direction == SkillDirection.Teach && t.SkillId == s.SkillId))
            .OrderBy(s => s.Skill!.Name)
            .Select(s => new { s.SkillId, s.Skill!.Name })
            .ToListAsync(cancellationToken);
        if (shared.Count == 0)
        {
            shared = await wanted.OrderBy(s => s.Skill!.Name).Select(s => new { s.SkillId, s.Skill!.Name }).ToListAsync(cancellationToken);
        }

        return shared.Select(s => (s.SkillId, s.Name)).ToList();
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var side = await FindMySideAsync(db, query.PairId, userId, track: false, cancellationToken) ?? throw new NotFoundException();
            var pair = side.Pair;
            var partnerEnrolmentId = side.Role == ParticipantRole.Mentor ? pair.MenteeEnrolmentId : pair.MentorEnrolmentId;
            var names = await db.Enrolments.AsNoTracking().Where(e => e.Id == partnerEnrolmentId)
                .Select(e => new { Partner = e.User!.DisplayName, Program = e.Program!.Name })
                .SingleAsync(cancellationToken);
            var ratings = await db.SkillRatings.AsNoTracking()
                .Where(r => r.PairId == pair.Id && r.EnrolmentId == side.EnrolmentId)
                .Select(r => new { r.SkillId, r.Stage, r.Level })
                .ToListAsync(cancellationToken);
            var skills = (await SkillsInPlayAsync(db, pair, cancellationToken))
                .Select(s => new Skill(s.Id, s.Name,
                    ratings.FirstOrDefault(r => r.SkillId == s.Id && r.Stage == SkillRatingStage.Start)?.Level,
                    ratings.FirstOrDefault(r => r.SkillId == s.Id && r.Stage == SkillRatingStage.End)?.Level))
                .ToList();
            return new Result(pair.Id, pair.ProgramId, names.Program, names.Partner, side.Role, pair.Status, skills);
        }
    }
}

/// <summary>
/// One side of a pair rates each skill in play from 1 to 5: at the start while the pair runs, at the end once it has
/// ended. Rating a stage again replaces the earlier rating.
/// </summary>
public static class RateSkills
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand
    {
        public int PairId { get; set; }

        public SkillRatingStage Stage { get; set; }

        public List<Item> Ratings { get; set; } = [];
    }

    public sealed class Item
    {
        public int SkillId { get; set; }

        public int? Level { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Stage).IsInEnum().WithMessage("Choose whether you rate your levels at the start or at the end.");
            RuleForEach(c => c.Ratings).ChildRules(item =>
                item.RuleFor(i => i.Level).InclusiveBetween(SkillLevels.Min, SkillLevels.Max).When(i => i.Level is not null)
                    .WithMessage("Choose a level from 1 (novice) to 5 (expert)."));
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var side = await SkillsProgress.FindMySideAsync(db, command.PairId, userId, track: false, cancellationToken) ?? throw new NotFoundException();
            var pair = side.Pair;
            var refusal = command.Stage switch
            {
                SkillRatingStage.Start when pair.Status == PairStatus.Ended => "This pair has ended, so your starting levels can no longer change. Rate where you ended up instead.",
                SkillRatingStage.Start when !pair.IsActive => "You rate your starting levels once both of you have accepted the pair.",
                SkillRatingStage.End when pair.Status != PairStatus.Ended => "You rate where you ended up once the pair has ended.",
                _ => null,
            };
            if (refusal is not null)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            var skills = await SkillsProgress.SkillsInPlayAsync(db, pair, cancellationToken);
            if (command.Ratings.Any(r => skills.All(s => s.Id != r.SkillId)))
            {
                throw RequestValidationException.For(command, "", "Rate only the skills listed for your pair; reload the page to see them.");
            }

            var failures = new List<ValidationFailure>();
            for (var position = 0; position < skills.Count; position++)
            {
                var index = command.Ratings.FindIndex(r => r.SkillId == skills[position].Id);
                if (index < 0 || command.Ratings[index].Level is null)
                {
                    failures.Add(new ValidationFailure($"{nameof(Command.Ratings)}[{(index < 0 ? position : index)}].{nameof(Item.Level)}",
                        $"Rate {skills[position].Name} from 1 (novice) to 5 (expert)."));
                }
            }

            if (failures.Count > 0)
            {
                throw new RequestValidationException(command, failures);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.SkillRatings
                .Where(r => r.PairId == pair.Id && r.EnrolmentId == side.EnrolmentId && r.Stage == command.Stage)
                .ToDictionaryAsync(r => r.SkillId, cancellationToken);
            foreach (var (skillId, _) in skills)
            {
                var level = command.Ratings.First(r => r.SkillId == skillId).Level!.Value;
                if (existing.TryGetValue(skillId, out var rating))
                {
                    rating.Level = level;
                    rating.RatedAtUtc = now;
                }
                else
                {
                    db.SkillRatings.Add(new SkillRating
                    {
                        ProgramId = pair.ProgramId,
                        PairId = pair.Id,
                        EnrolmentId = side.EnrolmentId,
                        Role = side.Role,
                        SkillId = skillId,
                        Stage = command.Stage,
                        Level = level,
                        RatedAtUtc = now,
                    });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

public static class SkillLevels
{
    public const int Min = 1;
    public const int Max = 5;

    public static string Describe(int? level) => level switch
    {
        null => "Not rated",
        1 => "1 (novice)",
        5 => "5 (expert)",
        _ => level.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
