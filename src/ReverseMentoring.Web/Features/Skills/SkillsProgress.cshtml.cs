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

    [BindProperty]
    public RateGrowth.Command Growth { get; set; } = new();

    [BindProperty]
    public RateMentor.Command Traits { get; set; } = new();

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
                Ratings = Progress.Skills.Select(s => new RateSkills.Item { SkillId = s.SkillId, Level = s.At(stage) }).ToList(),
            };
            Growth = new RateGrowth.Command
            {
                PairId = PairId,
                Stage = stage,
                Ratings = Progress.Growth.Select(g => new RateGrowth.Item { AreaId = g.AreaId, Level = g.At(stage) }).ToList(),
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.PairId = PairId;
        await mediator.Send(Data, cancellationToken);
        Message = $"Your levels {SkillStages.Words(Data.Stage)} were saved.";
        return Redirect($"/Participant/Skills/Progress/{PairId}");
    }

    public async Task<IActionResult> OnPostGrowthAsync(CancellationToken cancellationToken)
    {
        Growth.PairId = PairId;
        await mediator.Send(Growth, cancellationToken);
        Message = $"Your growth {SkillStages.Words(Growth.Stage)} was saved.";
        return Redirect($"/Participant/Skills/Progress/{PairId}");
    }

    public async Task<IActionResult> OnPostTraitsAsync(CancellationToken cancellationToken)
    {
        Traits.PairId = PairId;
        await mediator.Send(Traits, cancellationToken);
        Message = "Your rating of your mentor was saved. Thank you.";
        return Redirect($"/Participant/Skills/Progress/{PairId}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Progress ??= await mediator.Send(new SkillsProgress.Query(PairId), cancellationToken);
}

/// <summary>
/// The skills a pair works on and the viewer's own ratings at each stage: the mentee rates the skills learned, the mentor
/// their own growth in the program's growth areas; at the end the mentee may also rate the mentor.
/// </summary>
public static class SkillsProgress
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int PairId) : IQuery<Result>;

    public sealed record Skill(int SkillId, string Name, int? Before, int? Mid, int? After)
    {
        public int? At(SkillRatingStage stage) => stage switch { SkillRatingStage.Start => Before, SkillRatingStage.Mid => Mid, _ => After };
    }

    public sealed record Area(int AreaId, string Name, int? Before, int? Mid, int? After)
    {
        public int? At(SkillRatingStage stage) => stage switch { SkillRatingStage.Start => Before, SkillRatingStage.Mid => Mid, _ => After };
    }

    public sealed record Result(
        int PairId, int ProgramId, string ProgramName, string PartnerName, ParticipantRole MyRole, PairStatus Status,
        IReadOnlyList<Skill> Skills, IReadOnlyList<Area> Growth, SkillStages Stages, DateTime NowUtc, bool MentorRated)
    {
        /// <summary>The stage the viewer rates now (see <see cref="SkillStages"/>).</summary>
        public SkillRatingStage? OpenStage => Stages.OpenAt(NowUtc);

        /// <summary>Why the open stage cannot be rated (again) now, or null when the form is open.</summary>
        public string? Refusal => OpenStage is { } stage
            ? Stages.RefusalToRate(stage, MyRole == ParticipantRole.Mentee ? Skills.Any(s => s.At(stage) is not null) : Growth.Any(g => g.At(stage) is not null), NowUtc)
            : Stages.RefusalToRate(SkillRatingStage.Start, false, NowUtc);

        public bool CanRateMentor => Stages.RefusalToRateTraits(MyRole, MentorRated) is null;
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

    /// <summary>The rating stages of a pair, from its program's end date and status.</summary>
    public static async Task<SkillStages> StagesAsync(AppDbContext db, Pair pair, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().Where(p => p.Id == pair.ProgramId)
            .Select(p => new { p.EndsOn, p.Status }).SingleAsync(cancellationToken);
        return new SkillStages(pair.Status, pair.AcceptedAtUtc, program.EndsOn, program.Status);
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

    /// <summary>The growth areas the junior rates: the program's current ones, in HR's order.</summary>
    public static Task<List<GrowthArea>> GrowthAreasInPlayAsync(AppDbContext db, int programId, CancellationToken cancellationToken) =>
        db.GrowthAreas.AsNoTracking().Where(a => a.ProgramId == programId && a.RetiredAtUtc == null)
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Id).ToListAsync(cancellationToken);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
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
            var skills = new List<Skill>();
            var growth = new List<Area>();
            if (side.Role == ParticipantRole.Mentee)
            {
                var ratings = await db.SkillRatings.AsNoTracking()
                    .Where(r => r.PairId == pair.Id && r.EnrolmentId == side.EnrolmentId)
                    .Select(r => new { r.SkillId, r.Stage, r.Level })
                    .ToListAsync(cancellationToken);
                int? Level(int id, SkillRatingStage stage) => ratings.FirstOrDefault(r => r.SkillId == id && r.Stage == stage)?.Level;
                skills = (await SkillsInPlayAsync(db, pair, cancellationToken))
                    .Select(s => new Skill(s.Id, s.Name, Level(s.Id, SkillRatingStage.Start), Level(s.Id, SkillRatingStage.Mid), Level(s.Id, SkillRatingStage.End)))
                    .ToList();
            }
            else
            {
                var ratings = await db.GrowthRatings.AsNoTracking()
                    .Where(r => r.PairId == pair.Id && r.EnrolmentId == side.EnrolmentId)
                    .Select(r => new { r.GrowthAreaId, r.Stage, r.Level })
                    .ToListAsync(cancellationToken);
                int? Level(int id, SkillRatingStage stage) => ratings.FirstOrDefault(r => r.GrowthAreaId == id && r.Stage == stage)?.Level;
                growth = (await GrowthAreasInPlayAsync(db, pair.ProgramId, cancellationToken))
                    .Select(a => new Area(a.Id, a.Name, Level(a.Id, SkillRatingStage.Start), Level(a.Id, SkillRatingStage.Mid), Level(a.Id, SkillRatingStage.End)))
                    .ToList();
            }

            var mentorRated = await db.LeadershipTraitRatings.AnyAsync(r => r.PairId == pair.Id, cancellationToken);
            var stages = await StagesAsync(db, pair, cancellationToken);
            return new Result(pair.Id, pair.ProgramId, names.Program, names.Partner, side.Role, pair.Status, skills, growth, stages,
                clock.GetUtcNow().UtcDateTime, mentorRated);
        }
    }
}

/// <summary>
/// The mentee rates each skill in play from 1 to 5 at the stage open now (<see cref="SkillStages"/>): the start, changed
/// only in the pair's first 14 days (every change audited), half way and at the end, each once.
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
            RuleFor(c => c.Stage).IsInEnum().WithMessage("Choose whether you rate your levels at the start, half way or at the end.");
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
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.SkillRatings
                .Where(r => r.PairId == pair.Id && r.EnrolmentId == side.EnrolmentId && r.Stage == command.Stage)
                .ToDictionaryAsync(r => r.SkillId, cancellationToken);
            var stages = await SkillsProgress.StagesAsync(db, pair, cancellationToken);
            if (stages.RefusalToRate(command.Stage, existing.Count > 0, now) is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            if (side.Role != ParticipantRole.Mentee)
            {
                throw RequestValidationException.For(command, "", "The mentee rates the skills learned; as the mentor you rate your own growth on this page.");
            }

            var skills = await SkillsProgress.SkillsInPlayAsync(db, pair, cancellationToken);
            var levels = StageRatings.Check(command, nameof(Command.Ratings), skills, command.Ratings.Select(r => (r.SkillId, r.Level)).ToList(),
                "Rate only the skills listed for your pair; reload the page to see them.");
            StageRatingRecord.Record(existing, levels, now, (skillId, level) => db.SkillRatings.Add(new SkillRating
            {
                ProgramId = pair.ProgramId,
                PairId = pair.Id,
                EnrolmentId = side.EnrolmentId,
                Role = side.Role,
                SkillId = skillId,
                Stage = command.Stage,
                Level = level,
                RatedAtUtc = now,
            }));

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The mentor rates their own growth in each of the program's growth areas, at the same stages and rules as skills.</summary>
public static class RateGrowth
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
        public int AreaId { get; set; }

        public int? Level { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Stage).IsInEnum().WithMessage("Choose whether you rate your growth at the start, half way or at the end.");
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
            if (side.Role != ParticipantRole.Mentor)
            {
                throw RequestValidationException.For(command, "", "The mentor rates their own growth; as the mentee you rate the skills you learn on this page.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.GrowthRatings
                .Where(r => r.PairId == pair.Id && r.EnrolmentId == side.EnrolmentId && r.Stage == command.Stage)
                .ToDictionaryAsync(r => r.GrowthAreaId, cancellationToken);
            var stages = await SkillsProgress.StagesAsync(db, pair, cancellationToken);
            if (stages.RefusalToRate(command.Stage, existing.Count > 0, now) is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            var areas = (await SkillsProgress.GrowthAreasInPlayAsync(db, pair.ProgramId, cancellationToken)).Select(a => (a.Id, a.Name)).ToList();
            var levels = StageRatings.Check(command, nameof(Command.Ratings), areas, command.Ratings.Select(r => (r.AreaId, r.Level)).ToList(),
                "Rate only the growth areas listed for your program; reload the page to see them.");
            StageRatingRecord.Record(existing, levels, now, (areaId, level) => db.GrowthRatings.Add(new GrowthRating
            {
                ProgramId = pair.ProgramId,
                PairId = pair.Id,
                EnrolmentId = side.EnrolmentId,
                GrowthAreaId = areaId,
                Stage = command.Stage,
                Level = level,
                RatedAtUtc = now,
            }));

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>
/// At the end of the pair the mentee may rate the mentor's coaching, clarity, patience and initiative (1-5 each, each
/// optional) with an optional comment, once. HR alone reads them by name.
/// </summary>
public static class RateMentor
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand
    {
        public int PairId { get; set; }

        public int? Coaching { get; set; }

        public int? Clarity { get; set; }

        public int? Patience { get; set; }

        public int? Initiative { get; set; }

        public string? Comment { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            const string Range = "Choose from 1 (low) to 5 (high), or leave it empty.";
            RuleFor(c => c.Coaching).InclusiveBetween(SkillLevels.Min, SkillLevels.Max).WithMessage(Range);
            RuleFor(c => c.Clarity).InclusiveBetween(SkillLevels.Min, SkillLevels.Max).WithMessage(Range);
            RuleFor(c => c.Patience).InclusiveBetween(SkillLevels.Min, SkillLevels.Max).WithMessage(Range);
            RuleFor(c => c.Initiative).InclusiveBetween(SkillLevels.Min, SkillLevels.Max).WithMessage(Range);
            RuleFor(c => c.Comment).MaximumLength(LeadershipTraitRating.CommentMaxLength)
                .WithMessage($"Keep the comment to {LeadershipTraitRating.CommentMaxLength} characters.");
            RuleFor(c => c)
                .Must(c => c.Coaching is not null || c.Clarity is not null || c.Patience is not null || c.Initiative is not null)
                .OverridePropertyName(nameof(Command.Coaching))
                .WithMessage("Rate at least one of coaching, clarity, patience and initiative, or leave this form.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var side = await SkillsProgress.FindMySideAsync(db, command.PairId, userId, track: false, cancellationToken) ?? throw new NotFoundException();
            var pair = side.Pair;
            var stages = await SkillsProgress.StagesAsync(db, pair, cancellationToken);
            var rated = await db.LeadershipTraitRatings.AnyAsync(r => r.PairId == pair.Id, cancellationToken);
            if (stages.RefusalToRateTraits(side.Role, rated) is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            db.LeadershipTraitRatings.Add(new LeadershipTraitRating
            {
                ProgramId = pair.ProgramId,
                PairId = pair.Id,
                MentorEnrolmentId = pair.MentorEnrolmentId,
                MenteeEnrolmentId = pair.MenteeEnrolmentId,
                Coaching = command.Coaching,
                Clarity = command.Clarity,
                Patience = command.Patience,
                Initiative = command.Initiative,
                Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(),
                RatedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The checks every stage form shares: only the listed items, each rated.</summary>
internal static class StageRatings
{
    public static List<(int Id, int Level)> Check(
        object command, string field, IReadOnlyList<(int Id, string Name)> listed, IReadOnlyList<(int Id, int? Level)> given, string notListed)
    {
        if (given.Any(r => listed.All(s => s.Id != r.Id)))
        {
            throw RequestValidationException.For(command, "", notListed);
        }

        var failures = new List<ValidationFailure>();
        var levels = new List<(int Id, int Level)>();
        for (var position = 0; position < listed.Count; position++)
        {
            var index = given.ToList().FindIndex(r => r.Id == listed[position].Id);
            if (index < 0 || given[index].Level is not { } level)
            {
                failures.Add(new ValidationFailure($"{field}[{(index < 0 ? position : index)}].Level",
                    $"Rate {listed[position].Name} from 1 (novice) to 5 (expert)."));
            }
            else
            {
                levels.Add((listed[position].Id, level));
            }
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(command, failures);
        }

        return levels;
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
