using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Agreements;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class ViewAgreementModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int PairId { get; set; }

    [BindProperty]
    public ProposeRevision.Command Revision { get; set; } = new();

    [BindProperty]
    public SignAgreement.Command Signature { get; set; } = new();

    public ViewAgreement.Result Agreement { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Agreement = await mediator.Send(new ViewAgreement.Query(PairId), cancellationToken);
        Revision = ProposeRevision.Command.From(Agreement);
    }

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken)
    {
        Revision.PairId = PairId;
        var number = await mediator.Send(Revision, cancellationToken);
        Message = $"Version {number} is now the agreement. Sign it, and ask your partner to read and sign it too.";
        return LocalRedirect($"/Participant/Pairs/{PairId}/Agreement");
    }

    public async Task<IActionResult> OnPostSignAsync(CancellationToken cancellationToken)
    {
        Signature.PairId = PairId;
        var signedByBoth = await mediator.Send(Signature, cancellationToken);
        Message = signedByBoth ? "You both have signed the agreement." : "You signed the agreement. It is in force once your partner signs it too.";
        return LocalRedirect($"/Participant/Pairs/{PairId}/Agreement");
    }

    // The page comes back with what was typed; the agreement around it is read again.
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Agreement ??= await mediator.Send(new ViewAgreement.Query(PairId), cancellationToken);
}

/// <summary>
/// Either side of a pair reads its agreement: the current version with who signed it and when, and every earlier
/// version. Before anyone has acted on it, the first version is the program's template. Nobody else reads it, HR
/// included: HR sees only whether it is signed by both.
/// </summary>
public static class ViewAgreement
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int PairId) : IQuery<Result>;

    /// <summary>Whether the caller's pair has an agreement signed by both; 404 unless the pair is the caller's.</summary>
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record StateQuery(int PairId) : IQuery<PairAgreements.State>;

    public sealed record Signature(ParticipantRole Side, string Name, string When);

    /// <param name="ProposedWhen">Null for the first version before anyone has acted on it: the program's template.</param>
    public sealed record Version(int Number, AgreementTerms Terms, string ProposedBy, string? ProposedWhen, IReadOnlyList<Signature> Signatures);

    public sealed record Result(
        int PairId,
        int ProgramId,
        string ProgramName,
        string MentorName,
        string MenteeName,
        ParticipantRole MySide,
        bool CanChange,
        Version Current,
        IReadOnlyList<Version> Earlier)
    {
        public bool IHaveSigned => Current.Signatures.Any(s => s.Side == MySide);

        public bool SignedByBoth => Current.Signatures.Select(s => s.Side).Distinct().Count() == 2;

        public string NameOf(ParticipantRole side) => side == ParticipantRole.Mentor ? MentorName : MenteeName;

        public string PartnerName => NameOf(MySide == ParticipantRole.Mentor ? ParticipantRole.Mentee : ParticipantRole.Mentor);
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var (pair, side) = await PairAgreements.MyStartedPairAsync(db, query.PairId, me, tracked: false, cancellationToken);
            var zone = await db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            var programName = await db.Programs.Where(p => p.Id == pair.ProgramId).Select(p => p.Name).SingleAsync(cancellationToken);
            var mentorName = pair.MentorEnrolment!.User!.DisplayName;
            var menteeName = pair.MenteeEnrolment!.User!.DisplayName;
            string NameOf(ParticipantRole s) => s == ParticipantRole.Mentor ? mentorName : menteeName;

            var agreement = await PairAgreements.LoadAsync(db.PairAgreements.AsNoTracking(), pair.Id, cancellationToken);
            List<Version> versions;
            if (agreement is null)
            {
                var template = await PairAgreements.TemplateAsync(db, pair.ProgramId, cancellationToken);
                versions = [new Version(1, template.FirstTerms(), "your program", null, [])];
            }
            else
            {
                versions = agreement.Versions.OrderByDescending(v => v.Number)
                    .Select(v => new Version(
                        v.Number,
                        v.Terms,
                        NameOf(v.ProposedBySide),
                        SessionTimes.Format(v.ProposedAtUtc, zone),
                        v.Signatures.OrderBy(s => s.SignedAtUtc).Select(s => new Signature(s.Side, NameOf(s.Side), SessionTimes.Format(s.SignedAtUtc, zone))).ToList()))
                    .ToList();
            }

            return new Result(pair.Id, pair.ProgramId, programName, mentorName, menteeName, side, pair.IsActive, versions[0], versions.Skip(1).ToList());
        }
    }

    public sealed class StateHandler(AppDbContext db, CurrentUser current) : IQueryHandler<StateQuery, PairAgreements.State>
    {
        public async ValueTask<PairAgreements.State> Handle(StateQuery query, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            if (!await db.Pairs.OfParticipant(me).AnyAsync(p => p.Id == query.PairId, cancellationToken))
            {
                throw new NotFoundException();
            }

            return await PairAgreements.StateAsync(db, query.PairId, cancellationToken);
        }
    }
}
