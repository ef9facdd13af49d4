using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Skills;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;

namespace ReverseMentoring.Web.Features.Pairs;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class EndPairModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int PairId { get; set; }

    [BindProperty]
    public EndPair.Command Data { get; set; } = new();

    public EndPair.Details Pair { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pair = await mediator.Send(new EndPair.Query(PairId), cancellationToken);
        Data = new EndPair.Command { PairId = PairId, Version = Pair.Version };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.PairId = PairId;
        await mediator.Send(Data, cancellationToken);
        Message = "Your pair has ended. Now rate where you ended up on each skill, to see how far you came.";
        return Redirect($"/Participant/Skills/Progress/{PairId}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        // Shown again with the pair as it is now, so a second try is against its current version.
        Pair = await mediator.Send(new EndPair.Query(PairId), cancellationToken);
        ModelState.Remove($"{nameof(Data)}.{nameof(Data.Version)}");
        Data.Version = Pair.Version;
    }
}

/// <summary>What a form that ends a pair asks: how it ended, why if early, an explicit confirmation.</summary>
public interface IPairEndingForm
{
    PairEnding? Ending { get; }

    string? Reason { get; }

    bool Confirm { get; }
}

/// <summary>The rules every form that ends a pair follows, whoever sends it.</summary>
public abstract class PairEndingValidator<T> : AbstractValidator<T>
    where T : IPairEndingForm
{
    protected PairEndingValidator()
    {
        RuleFor(c => c.Ending).NotNull().WithMessage("Choose whether the pair completed the program or is ending early.")
            .IsInEnum().WithMessage("Choose whether the pair completed the program or is ending early.");
        RuleFor(c => c.Reason)
            .Must(reason => !string.IsNullOrWhiteSpace(reason)).When(c => c.Ending == PairEnding.EndedEarly)
            .WithMessage("Say why the pair is ending early; HR uses this to improve the program.");
        RuleFor(c => c.Reason)
            .Must(reason => (reason?.Trim().Length ?? 0) <= Pair.ReasonMaxLength)
            .WithMessage($"A reason has at most {Pair.ReasonMaxLength} characters; shorten it.");
        RuleFor(c => c.Confirm).Equal(true).WithMessage("Tick the box to confirm that you want to end this pair.");
    }
}

/// <summary>
/// Either side of a confirmed pair ends it: completed, or early with a reason. Its scheduled sessions still to come
/// are cancelled; everything that happened stays.
/// </summary>
public static class EndPair
{
    public const string CancelReason = "Pair ended";
    public const string ConflictMessage = "The pair changed while you were ending it; check it as it is now, then try again.";

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int PairId) : IQuery<Details>;

    public sealed record Details(int PairId, int ProgramId, string ProgramName, string MentorName, string MenteeName, string PartnerName, PairStatus Status, Guid Version, int UpcomingSessions)
    {
        /// <summary>Only an active pair can end.</summary>
        public bool CanEnd => Domain.Pair.ActiveStatuses.Contains(Status);
    }

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand, IPairEndingForm
    {
        public int PairId { get; set; }

        public PairEnding? Ending { get; set; }

        public string? Reason { get; set; }

        public bool Confirm { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class Validator : PairEndingValidator<Command>;

    public static IQueryable<Details> DetailsOf(AppDbContext db, IQueryable<Pair> pairs, string? viewerUserId, DateTime now)
    {
        var upcoming = db.Sessions.Upcoming(now);
        return pairs.Select(p => new Details(
            p.Id,
            p.ProgramId,
            p.MentorEnrolment!.Program!.Name,
            p.MentorEnrolment.User!.DisplayName,
            p.MenteeEnrolment!.User!.DisplayName,
            p.MentorEnrolment.UserId == viewerUserId ? p.MenteeEnrolment.User!.DisplayName : p.MentorEnrolment.User!.DisplayName,
            p.Status,
            p.Version,
            upcoming.Count(s => s.PairId == p.Id)));
    }

    /// <summary>
    /// Ends the pair as the given person and cancels its <paramref name="upcoming"/> sessions, unsaved; the pair refuses
    /// (and nothing changes) if it cannot end. One pair or many, this is the one way a pair ends.
    /// </summary>
    public static void End(Pair pair, IPairEndingForm form, string byUserId, DateTime now, IEnumerable<Session> upcoming)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(upcoming);
        pair.End(byUserId, form.Ending ?? throw new DomainRuleException("Choose whether the pair completed the program or is ending early."), form.Reason, now);
        foreach (var session in upcoming)
        {
            session.Cancel(byUserId, CancelReason, now);
        }
    }

    /// <summary>One side of a pair as its e-mail needs them.</summary>
    public sealed record Side(ParticipantRole Role, string UserId, string Email, string Name);

    /// <summary>
    /// The e-mails that tell the people of an ended pair, except the one who ended it: who ended it (the partner, or HR),
    /// how, why, and how many planned sessions were called off.
    /// </summary>
    public static IEnumerable<Outgoing> EndedMail(Pair pair, Side mentor, Side mentee, string byUserId, int cancelledSessions, string programName, PublicLinks links)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(mentor);
        ArgumentNullException.ThrowIfNull(mentee);
        ArgumentNullException.ThrowIfNull(links);
        foreach (var (to, partner) in new[] { (mentor, mentee), (mentee, mentor) }.Where(p => p.Item1.UserId != byUserId))
        {
            yield return PairMail.Ended(pair.Id, to.Role, to.Email, to.Name, partner.Name, byPartner: partner.UserId == byUserId, pair.Ending ?? PairEnding.EndedEarly, pair.EndReason,
                cancelledSessions, programName, links.To($"/Participant/Programs/{pair.ProgramId}"));
        }
    }

    /// <summary>Ends the pair as the given person, cancels its sessions still to come and tells the other side (or both, when HR ends it).</summary>
    public static async Task EndAsync(
        AppDbContext db, Outbox outbox, PublicLinks links, Pair pair, IPairEndingForm form, Guid version, string byUserId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(pair);
        var upcoming = await db.Sessions.Upcoming(now).Where(s => s.PairId == pair.Id).ToListAsync(cancellationToken);
        End(pair, form, byUserId, now, upcoming);
        db.Entry(pair).Property(p => p.Version).OriginalValue = version;
        var sides = await db.Enrolments.AsNoTracking()
            .Where(e => e.Id == pair.MentorEnrolmentId || e.Id == pair.MenteeEnrolmentId)
            .Select(e => new { e.Id, e.Role, e.UserId, e.User!.Email, e.User.DisplayName, Program = e.Program!.Name })
            .ToListAsync(cancellationToken);
        Side SideOf(int enrolmentId) => sides.Where(e => e.Id == enrolmentId).Select(e => new Side(e.Role, e.UserId, e.Email ?? "", e.DisplayName)).Single();
        await outbox.QueueAsync(EndedMail(pair, SideOf(pair.MentorEnrolmentId), SideOf(pair.MenteeEnrolmentId), byUserId, upcoming.Count, sides[0].Program, links)
            .ToList(), cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw RequestValidationException.For(form, "", ConflictMessage);
        }
    }

    public sealed class QueryHandler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Details>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var mine = db.Pairs.AsNoTracking().OfParticipant(userId).Where(p => p.Id == query.PairId);
            return await DetailsOf(db, mine, userId, clock.GetUtcNow().UtcDateTime).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException();
        }
    }

    public sealed class Handler(AppDbContext db, Outbox outbox, PublicLinks links, CurrentUser current, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var side = await SkillsProgress.FindMySideAsync(db, command.PairId, userId, track: true, cancellationToken) ?? throw new NotFoundException();
            await EndAsync(db, outbox, links, side.Pair, command, command.Version, userId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Unit.Value;
        }
    }
}
