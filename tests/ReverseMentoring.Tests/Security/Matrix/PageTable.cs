using static ReverseMentoring.Tests.Security.Matrix.Outcome;

namespace ReverseMentoring.Tests.Security.Matrix;

/// <summary>What a GET of a page gives one person.</summary>
public enum Outcome
{
    /// <summary>200: the page is shown.</summary>
    Ok,

    /// <summary>302 to /Account/SignIn: nobody is signed in.</summary>
    SignIn,

    /// <summary>302 to /Account/AccessDenied, or 403: signed in, but not allowed.</summary>
    Forbidden,

    /// <summary>404: not theirs, or not there (a record of someone else's is never hinted at).</summary>
    NotFound,

    /// <summary>302 somewhere else (home pages sending a person on to their own area).</summary>
    Redirect,
}

/// <summary>
/// One page, the URL it is fetched at (with {tokens} filled from the seeded world: the signed-in mentor and mentee are
/// pair A) and what each person gets.
/// </summary>
public sealed record PageRow(string Route, string Url, Outcome Anonymous, Outcome Mentor, Outcome Mentee, Outcome Hr, Outcome Leadership)
{
    public Outcome For(Who who) => who switch
    {
        Who.Anonymous => Anonymous,
        Who.Mentor => Mentor,
        Who.Mentee => Mentee,
        Who.Hr => Hr,
        _ => Leadership,
    };
}

/// <summary>
/// THE SPECIFICATION of who may open which page. Every routable page must have exactly one row: a new page fails
/// <see cref="AuthorizationMatrixTests.Every_page_of_the_app_has_a_row_in_the_matrix_and_every_row_a_page"/> until it is added here.
/// </summary>
public static class PageTable
{
    public static IReadOnlyList<PageRow> Rows { get; } =
    [
        //  route                                                   URL fetched                                                  Anonymous  Mentor     Mentee     Hr         Leadership
        new("/",                                                   "/",                                                         Ok,        Redirect,  Redirect,  Redirect,  Redirect),
        new("/Error",                                              "/Error",                                                    Ok,        Ok,        Ok,        Ok,        Ok),
        new("/Account/AccessDenied",                               "/Account/AccessDenied",                                     Forbidden, Forbidden, Forbidden, Forbidden, Forbidden),
        new("/Account/BreakGlassSignIn",                           "/Account/BreakGlassSignIn",                                 SignIn,    SignIn,    SignIn,    SignIn,    SignIn),
        new("/Account/ChangePassword",                             "/Account/ChangePassword",                                   SignIn,    Ok,        Ok,        Ok,        Ok),
        new("/Account/ChooseRole",                                 "/Account/ChooseRole",                                       SignIn,    Redirect,  Redirect,  Redirect,  Redirect),
        new("/Account/ConfirmEmail",                               "/Account/ConfirmEmail",                                     Ok,        Ok,        Ok,        Ok,        Ok),
        new("/Account/MyData",                                     "/Account/MyData",                                           SignIn,    Ok,        Ok,        Ok,        Ok),
        new("/Account/Profile",                                    "/Account/Profile",                                          SignIn,    Ok,        Ok,        Ok,        Ok),
        new("/Account/ReminderChat",                               "/Account/ReminderChat",                                     SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Account/Register",                                   "/Account/Register",                                         Ok,        Ok,        Ok,        Ok,        Ok),
        new("/Account/SignIn",                                     "/Account/SignIn",                                           Ok,        Ok,        Ok,        Ok,        Ok),
        new("/Account/SignOut",                                    "/Account/SignOut",                                          Redirect,  Ok,        Ok,        Ok,        Ok),
        new("/Audit",                                              "/Audit",                                                    SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Coordinator",                                        "/Coordinator",                                              SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Coordinator/Alerts",                                 "/Coordinator/Alerts",                                       SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Dashboard",                                          "/Dashboard",                                                SignIn,    Forbidden, Forbidden, Ok,        Ok),
        new("/Dashboard/Export",                                   "/Dashboard/Export?table=funnel",                            SignIn,    Forbidden, Forbidden, Ok,        Ok),
        new("/Dashboard/Print",                                    "/Dashboard/Print",                                          SignIn,    Forbidden, Forbidden, Ok,        Ok),
        new("/Dashboard/MonthlySummary",                           "/Dashboard/MonthlySummary",                                 SignIn,    Ok,        Ok,        Ok,        Ok),
        new("/Mail/Undelivered",                                   "/Mail/Undelivered",                                         SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/People",                                             "/People",                                                   SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Provisioning/Tokens",                                "/Provisioning/Tokens",                                      SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/People/Erase/{userId}",                              "/People/Erase/{otherMentorUser}",                           SignIn,    Forbidden, Forbidden, Ok,        Forbidden),

        new("/Participant",                                        "/Participant",                                              SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Programs/{programId}",                   "/Participant/Programs/{program}",                           SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Programs/{programId}/Enrol",             "/Participant/Programs/{enrollingProgram}/Enrol",            SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Programs/{programId}/Resources",         "/Participant/Programs/{program}/Resources",                 SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Programs/{programId}/Pairs/{pairId}/{answer}", "/Participant/Programs/{matchingProgram}/Pairs/{proposedPair}/Decline", SignIn, Ok, Ok, Forbidden, Forbidden),
        new("/Participant/Programs/{programId}/RankPartners",      "/Participant/Programs/{program}/RankPartners",              SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Programs/{programId}/Withdraw",          "/Participant/Programs/{program}/Withdraw",                  SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Programs/{programId}/Mentors",           "/Participant/Programs/{program}/Mentors",                   SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Programs/{programId}/Requests",          "/Participant/Programs/{program}/Requests",                  SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Programs/{programId}/Places",            "/Participant/Programs/{program}/Places",                    SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Requests/{requestId}",                   "/Participant/Requests/0",                                   SignIn,    NotFound,  NotFound,  Forbidden, Forbidden),
        new("/Participant/Groups/Create/{programId}",              "/Participant/Groups/Create/{program}",                      SignIn,    Ok,        Forbidden, Forbidden, Forbidden),
        new("/Participant/Groups/{id}",                            "/Participant/Groups/{group}",                               SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Groups/{groupId}/Schedule",              "/Participant/Groups/{group}/Schedule",                      SignIn,    Ok,        Forbidden, Forbidden, Forbidden),
        new("/Participant/GroupSessions/{id}",                     "/Participant/GroupSessions/{groupSession}",                 SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/GroupSessions/{id}/Calendar",            "/Participant/GroupSessions/{groupSession}/Calendar",        SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/GroupSessions/{id}/Log",                 "/Participant/GroupSessions/{pastGroupSession}/Log",         SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Feedback",                               "/Participant/Feedback",                                     SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Feedback/Give/{sessionId}",              "/Participant/Feedback/Give/{heldSession}",                  SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Sessions/Log/{id}",                      "/Participant/Sessions/Log/{pastSession}",                   SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Sessions",                               "/Participant/Sessions",                                     SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Calendar",                               "/Participant/Calendar",                                     SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Calendar/Feed/{token}",                              "/Calendar/Feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  NotFound,  NotFound,  NotFound,  NotFound,  NotFound),
        new("/Participant/Sessions/{id}",                          "/Participant/Sessions/{session}",                           SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Sessions/{id}/Calendar",                 "/Participant/Sessions/{session}/Calendar",                  SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Sessions/Schedule",                      "/Participant/Sessions/Schedule?pairId={pair}",              SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Sessions/Reschedule/{id}",               "/Participant/Sessions/Reschedule/{session}",                SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Sessions/Cancel/{id}",                   "/Participant/Sessions/Cancel/{session}",                    SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/CheckIns",                               "/Participant/CheckIns",                                     SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/CheckIns/{id}",                          "/Participant/CheckIns/{checkIn}",                           SignIn,    Ok,        NotFound,  Forbidden, Forbidden),
        new("/Participant/CheckIns/{id}/Met",                      "/Participant/CheckIns/{metCheckIn}/Met",                    SignIn,    Ok,        NotFound,  Forbidden, Forbidden),
        new("/Participant/Skills",                                 "/Participant/Skills",                                       SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Skills/Progress/{pairId}",               "/Participant/Skills/Progress/{pair}",                       SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Pairs/{pairId}/Messages",                "/Participant/Pairs/{pair}/Messages",                        SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Pairs/{pairId}/Messages/{messageId}/Attachment", "/Participant/Pairs/{pair}/Messages/{message}/Attachment", SignIn, NotFound, NotFound, Forbidden, Forbidden),
        new("/Participant/Pairs/{pairId}/Concern",                 "/Participant/Pairs/{pair}/Concern",                         SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/EndPair/{pairId}",                       "/Participant/EndPair/{pair}",                               SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Pairs/{pairId}/Agreement",               "/Participant/Pairs/{pair}/Agreement",                       SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Pairs/{pairId}/Goals",                   "/Participant/Pairs/{pair}/Goals",                           SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Journal",                                "/Participant/Journal",                                      SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Journal/Write",                          "/Participant/Journal/Write",                                SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Participant/Knowledge",                              "/Participant/Knowledge",                                    SignIn,    Ok,        Ok,        Forbidden, Forbidden),
        new("/Knowledge/Offer",                                    "/Knowledge/Offer?programId={program}",                      SignIn,    Ok,        Ok,        Ok,        Forbidden),
        new("/Knowledge/{id}",                                     "/Knowledge/{knowledgeSession}",                             SignIn,    Ok,        Ok,        Ok,        Forbidden),
        new("/Knowledge/{id}/Calendar",                            "/Knowledge/{knowledgeSession}/Calendar",                    SignIn,    Ok,        Ok,        NotFound,  Forbidden),
        new("/Knowledge/{id}/Attendance",                          "/Knowledge/{knowledgeSession}/Attendance",                  SignIn,    Ok,        Forbidden, NotFound,  Forbidden),
        new("/Knowledge/{id}/Feedback",                            "/Knowledge/{knowledgeSession}/Feedback",                    SignIn,    Forbidden, Ok,        Forbidden, Forbidden),

        new("/Programs",                                           "/Programs",                                                 SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/Create",                                    "/Programs/Create",                                          SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{id}",                                      "/Programs/{program}",                                       SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{id}/Edit",                                 "/Programs/{program}/Edit",                                  SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{id}/Archive",                              "/Programs/{program}/Archive",                               SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{id}/Copy",                                 "/Programs/{program}/Copy",                                  SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Agreement",                     "/Programs/{program}/Agreement",                             SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Emails",                        "/Programs/{program}/Emails",                                SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Emails/{kind}",                 "/Programs/{program}/Emails/Invitation",                     SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/CheckIns",                      "/Programs/{program}/CheckIns",                              SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/GrowthAreas",                   "/Programs/{program}/GrowthAreas",                           SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Requests",                      "/Programs/{program}/Requests",                              SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Talent",                                             "/Talent",                                                   SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/OrgChart",                                           "/OrgChart",                                                 SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/OrgChart/Upload",                                    "/OrgChart/Upload",                                          SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/CheckIns/Answers",              "/Programs/{program}/CheckIns/Answers",                      SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/CheckIns/Settings",             "/Programs/{program}/CheckIns/Settings",                     SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/CheckIns/{id}/Edit",            "/Programs/{program}/CheckIns/{question}/Edit",              SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/CheckIns/{id}/Retire",          "/Programs/{program}/CheckIns/{question}/Retire",            SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Enrolments",                    "/Programs/{program}/Enrolments",                            SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Enrolments/Decide",             "/Programs/{enrollingProgram}/Enrolments/Decide?Data.Decision=Approve&Data.Ids={pendingEnrolment}", SignIn, Forbidden, Forbidden, Ok, Forbidden),
        new("/Programs/{programId}/Enrolments/{id}",               "/Programs/{program}/Enrolments/{enrolment}",                SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Enrolments/Import",             "/Programs/{enrollingProgram}/Enrolments/Import",            SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Invitations",                   "/Programs/{enrollingProgram}/Invitations",                  SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Invitations/Resend",            "/Programs/{enrollingProgram}/Invitations/Resend?Data.Ids={invitation}", SignIn, Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Invitations/{id}/Revoke",       "/Programs/{enrollingProgram}/Invitations/{invitation}/Revoke", SignIn, Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Pairing",                       "/Programs/{matchingProgram}/Pairing",                       SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Chat",                          "/Programs/{program}/Chat",                                  SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Pairs",                         "/Programs/{program}/Pairs",                                 SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Reliability",                   "/Programs/{program}/Reliability",                           SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Pairs/{pairId}",                "/Programs/{program}/Pairs/{pair}",                          SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Pairs/End",                     "/Programs/{program}/Pairs/End?Data.Ids={pair}",             SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Pairs/{pairId}/End",            "/Programs/{program}/Pairs/{pair}/End",                      SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Message",                       "/Programs/{program}/Message",                               SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Report",                        "/Programs/{program}/Report",                                SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Knowledge",                     "/Programs/{program}/Knowledge",                             SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Resources",                     "/Programs/{program}/Resources",                             SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Training",                      "/Programs/{program}/Training",                              SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Programs/{programId}/Resources/{id}/Delete",         "/Programs/{program}/Resources/{linkResource}/Delete",       SignIn,    Forbidden, Forbidden, Ok,        Forbidden),

        new("/Resources/{id}/Download",                            "/Resources/{mentorResource}/Download",                      SignIn,    Ok,        NotFound,  Ok,        NotFound),

        new("/Skills",                                             "/Skills",                                                   SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Skills/Create",                                      "/Skills/Create",                                            SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Skills/{id}/Edit",                                   "/Skills/{skill}/Edit",                                      SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
        new("/Skills/{id}/Delete",                                 "/Skills/{skill}/Delete",                                    SignIn,    Forbidden, Forbidden, Ok,        Forbidden),
    ];

    public static PageRow Row(string route) =>
        Rows.SingleOrDefault(r => string.Equals(r.Route, route, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No row for {route} in {nameof(PageTable)}.");

    /// <summary>The first person allowed to open the page, to drive its forms (HR first, then participants).</summary>
    public static Who? AllowedPerson(PageRow row) =>
        new[] { Who.Hr, Who.Mentor, Who.Mentee, Who.Leadership, Who.Anonymous }.Cast<Who?>().FirstOrDefault(w => row.For(w!.Value) == Ok);
}
