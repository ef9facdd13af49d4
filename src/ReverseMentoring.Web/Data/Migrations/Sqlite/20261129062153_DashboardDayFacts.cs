using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardDayFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardDays",
                columns: table => new
                {
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Facts = table.Column<byte[]>(type: "BLOB", nullable: false),
                    FoldedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardDays", x => new { x.ProgramId, x.Day });
                    table.ForeignKey(
                        name: "FK_DashboardDays_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DashboardFactsState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    RebuiltAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardFactsState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DashboardLookupChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardLookupChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DashboardLookupChanges_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DashboardPairChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardPairChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DashboardPairChanges_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DashboardStaleDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardStaleDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DashboardStaleDays_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DashboardVersions",
                columns: table => new
                {
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    Facts = table.Column<long>(type: "INTEGER", nullable: false),
                    Lookups = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardVersions", x => x.ProgramId);
                    table.ForeignKey(
                        name: "FK_DashboardVersions_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DashboardLookupChanges_ProgramId",
                table: "DashboardLookupChanges",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_DashboardPairChanges_ChangedAtUtc",
                table: "DashboardPairChanges",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_DashboardPairChanges_PairId",
                table: "DashboardPairChanges",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_DashboardPairChanges_ProgramId_Id",
                table: "DashboardPairChanges",
                columns: new[] { "ProgramId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DashboardStaleDays_ProgramId",
                table: "DashboardStaleDays",
                column: "ProgramId");

            // A database with no sessions or ratings has nothing to build: only one upgraded with rows needs the first rebuild.
            migrationBuilder.Sql("INSERT INTO \"DashboardFactsState\" (\"Id\", \"RebuiltAtUtc\") SELECT 1, strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE NOT EXISTS (SELECT 1 FROM \"Sessions\") AND NOT EXISTS (SELECT 1 FROM \"Feedback\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardDays");

            migrationBuilder.DropTable(
                name: "DashboardFactsState");

            migrationBuilder.DropTable(
                name: "DashboardLookupChanges");

            migrationBuilder.DropTable(
                name: "DashboardPairChanges");

            migrationBuilder.DropTable(
                name: "DashboardStaleDays");

            migrationBuilder.DropTable(
                name: "DashboardVersions");
        }
    }
}
