using Npgsql;

namespace Lantern.Silo.Cluster;

/// <summary>
/// Checks, inside a write's transaction, that the leases it was made under still hold. The rows that hold are locked
/// (<c>FOR SHARE</c>) until the transaction ends, so no silo can take the partition over between the check and the commit.
/// </summary>
public static class LeaseFences
{
    /// <summary>Returns the fences among <paramref name="fences"/> whose lease has moved on (another owner or fencing number).</summary>
    public static async Task<HashSet<WriteFence>> StaleAsync(NpgsqlConnection connection, IEnumerable<WriteFence> fences, CancellationToken cancellationToken)
    {
        var stale = new HashSet<WriteFence>();
        foreach (var silo in fences.Distinct().GroupBy(f => f.SiloId))
        {
            var wanted = silo.OrderBy(f => f.Partition).ToList();
            await using var command = new NpgsqlCommand("""
                SELECT partition, fencing FROM partition_leases
                WHERE owner = $1 AND (partition, fencing) IN (SELECT * FROM unnest($2::integer[], $3::bigint[]))
                ORDER BY partition FOR SHARE
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = silo.Key });
            command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(f => f.Partition).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = wanted.Select(f => f.Fencing).ToArray() });
            var held = new HashSet<(int, long)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    held.Add((reader.GetInt32(0), reader.GetInt64(1)));
                }
            }

            stale.UnionWith(wanted.Where(f => !held.Contains((f.Partition, f.Fencing))));
        }

        return stale;
    }
}
