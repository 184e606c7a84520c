//! Call-site profiles (`--pg`): which function each call site of a program
//! called in a run, identified by callee identity (a structural hash, never
//! an address), kept in the code store under the program's key, and the
//! speculation a later run bakes from them.
//!
//! The profiling run is interpreted; every call node is dispatched through
//! a counting dispatcher, and every refill of a site's inline cache records
//! the callee's identity (see `nr_observation` in naruby.h), so a site's
//! record says how many calls went to each function it called.
//!
//! A profile records sites, but speculation is chosen per name: a body's
//! specialized code must depend only on the body and on what the names it
//! calls are assumed to mean (see speculate/), so that identical bodies
//! share code and the names of speculative code stay canonical. A name is
//! assumed to mean the callee that most calls by that name reached; a call
//! that reaches something else fails the guard and takes the ordinary
//! path.

use crate::ffi::{Observation, RunView};
use crate::lower::Lowered;
use crate::node::hash::{def_ident, MerkleHasher};
use crate::node::{NodeId, Sym};
use crate::speculate::{self, has_target, Speculation};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

const HEADER: &str = "naruby-profile 1";

/// What one call site called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRecord {
    pub site: NodeId,
    pub name: String,
    pub observation: Observation,
}

/// A program's profile: the sites that called a user function, by node id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub sites: Vec<SiteRecord>,
}

/// The key a program's profile is stored under: derived from the plain
/// Merkle hash of its top level, which covers every node (function bodies
/// included), so an edited program never picks up a stale profile.
pub fn program_key(lowered: &Lowered) -> String {
    let root = MerkleHasher::new(&lowered.ast).hash(lowered.root);
    let mut h = blake3::Hasher::new();
    h.update(b"naruby-program-key\0").update(&root.0);
    h.finalize().to_hex()[..32].to_string()
}

impl Profile {
    /// The observations of an ended run.
    pub fn observe(lowered: &Lowered, view: &RunView) -> Profile {
        let ast = &lowered.ast;
        let sites = ast
            .ids()
            .filter(|&id| has_target(ast.kind(id)))
            .filter_map(|site| {
                let observation = view.observation(site)?;
                Some(SiteRecord {
                    site,
                    name: ast.name(call_name(lowered, site)?).to_string(),
                    observation,
                })
            })
            .collect();
        Profile { sites }
    }

    /// The stored form: a header line, then one line per site:
    /// `site <node id> <name> <identity>:<calls>[,<identity>:<calls>...]`
    /// with identities as 32 hex digits.
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for s in &self.sites {
            let callees: Vec<String> = s
                .observation
                .callees
                .iter()
                .map(|(ident, calls)| {
                    format!("{:016x}{:016x}:{calls}", ident[0] as u64, ident[1] as u64)
                })
                .collect();
            let _ = writeln!(out, "site {} {} {}", s.site.0, s.name, callees.join(","));
        }
        out
    }

    /// Reads the stored form back, keeping only the records that fit
    /// `lowered` (a call node with that name at that id).
    pub fn parse(text: &str, lowered: &Lowered) -> Result<Profile, String> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err("not a naruby profile (or another version)".into());
        }
        let mut sites = Vec::new();
        for (n, line) in lines.enumerate() {
            let bad = || format!("profile line {}: malformed: {line:?}", n + 2);
            let fields: Vec<&str> = line.split(' ').collect();
            let ["site", id, name, callees] = fields[..] else {
                return Err(bad());
            };
            let id: u32 = id.parse().map_err(|_| bad())?;
            let callees = callees
                .split(',')
                .map(|c| parse_callee(c).ok_or_else(bad))
                .collect::<Result<Vec<_>, _>>()?;
            let site = NodeId(id);
            let fits = (id as usize) < lowered.ast.len()
                && has_target(lowered.ast.kind(site))
                && call_name(lowered, site).is_some_and(|s| lowered.ast.name(s) == name);
            if fits {
                sites.push(SiteRecord {
                    site,
                    name: name.to_string(),
                    observation: Observation { callees },
                });
            }
        }
        Ok(Profile { sites })
    }

    /// The names this profile speculates on, each with the identity that
    /// most calls by that name reached, when the program defines a function
    /// with that identity. Ties go to the identity defined later in the
    /// program text: a program redefines a function to use the new one.
    pub fn choices(&self, lowered: &Lowered) -> BTreeMap<String, [i64; 2]> {
        let mut votes: BTreeMap<&str, BTreeMap<[i64; 2], u64>> = BTreeMap::new();
        for s in &self.sites {
            for &(ident, calls) in &s.observation.callees {
                *votes.entry(&s.name).or_default().entry(ident).or_default() += calls;
            }
        }
        // the position of the last definition of each identity
        let defined: HashMap<[i64; 2], usize> = lowered
            .defs
            .iter()
            .enumerate()
            .map(|(i, &d)| (def_ident(&lowered.ast, d), i))
            .collect();
        votes
            .into_iter()
            .filter_map(|(name, counts)| {
                let (ident, _) = counts
                    .into_iter()
                    .filter_map(|(ident, count)| Some((ident, (count, *defined.get(&ident)?))))
                    .max_by_key(|&(_, rank)| rank)?;
                Some((name.to_string(), ident))
            })
            .collect()
    }

    /// The speculation this profile implies for `lowered`.
    pub fn speculation<'a>(&self, lowered: &'a Lowered) -> Speculation<'a> {
        let ast = &lowered.ast;
        // The def a name stands for: the last one of that name with that
        // identity, else any with the identity. Identical identities mean
        // identical code and frame counts, which is all store code needs;
        // AOT code also requires the very body node (see nr_target.body),
        // which the def of the same name most likely is.
        let mut by_name: HashMap<(Sym, [i64; 2]), NodeId> = HashMap::new();
        let mut by_ident: HashMap<[i64; 2], NodeId> = HashMap::new();
        for &def in &lowered.defs {
            let ident = def_ident(ast, def);
            if let Some(name) = speculate::call_name(ast, def) {
                by_name.insert((name, ident), def);
            }
            by_ident.entry(ident).or_insert(def);
        }
        let names: HashMap<&str, Sym> = ast
            .names()
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), Sym(i as u32)))
            .collect();
        let chosen = self
            .choices(lowered)
            .into_iter()
            .filter_map(|(name, ident)| {
                let sym = *names.get(name.as_str())?;
                let def = by_name
                    .get(&(sym, ident))
                    .or_else(|| by_ident.get(&ident))?;
                Some((sym, *def))
            });
        Speculation::new(ast, chosen.collect::<Vec<_>>())
    }
}

/// `<32 hex digits>:<calls>`.
fn parse_callee(text: &str) -> Option<([i64; 2], u64)> {
    let (ident, calls) = text.split_once(':')?;
    if ident.len() != 32 || !ident.is_ascii() {
        return None;
    }
    let half = |s: &str| u64::from_str_radix(s, 16).ok().map(|v| v as i64);
    Some((
        [half(&ident[..16])?, half(&ident[16..])?],
        calls.parse().ok()?,
    ))
}

fn call_name(lowered: &Lowered, call: NodeId) -> Option<Sym> {
    speculate::call_name(&lowered.ast, call)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(src: &str) -> Lowered {
        let program = crate::syntax::parse(src).expect("parses");
        crate::lower::lower(&program, src).expect("lowers")
    }

    fn def_named(l: &Lowered, name: &str) -> NodeId {
        *l.defs
            .iter()
            .rfind(|&&d| {
                l.ast
                    .name(l.ast.operand_named(d, "name").as_name().unwrap())
                    == name
            })
            .expect("defined")
    }

    fn calls(l: &Lowered, name: &str) -> Vec<NodeId> {
        l.ast
            .ids()
            .filter(|&id| has_target(l.ast.kind(id)))
            .filter(|&id| call_name(l, id).is_some_and(|s| l.ast.name(s) == name))
            .collect()
    }

    const LATE: &str = "def f(a)\n  a + 1\nend\np f(1)\np f(2)\n\
                        def f(a)\n  a + 2\nend\np f(3)\n";

    fn record(l: &Lowered, site: NodeId, calls: &[(NodeId, u64)]) -> SiteRecord {
        SiteRecord {
            site,
            name: "f".into(),
            observation: Observation {
                callees: calls
                    .iter()
                    .map(|&(def, n)| (def_ident(&l.ast, def), n))
                    .collect(),
            },
        }
    }

    #[test]
    fn the_text_form_round_trips_and_drops_records_that_do_not_fit() {
        let l = lowered(LATE);
        let sites = calls(&l, "f");
        let (first, second) = (l.defs[0], def_named(&l, "f"));
        let profile = Profile {
            sites: vec![
                record(&l, sites[0], &[(first, 1)]),
                record(&l, sites[1], &[(first, 3), (second, 1 << 40)]),
                record(&l, sites[2], &[(second, 7)]),
            ],
        };
        let text = profile.to_text();
        assert_eq!(Profile::parse(&text, &l).unwrap(), profile);
        // a record naming another node, or another name, is dropped
        let moved = text.replacen(
            &format!("site {} f", sites[0].0),
            &format!("site {} f", l.root.0),
            1,
        );
        assert_eq!(Profile::parse(&moved, &l).unwrap().sites.len(), 2);
        let renamed = text.replacen(
            &format!("site {} f", sites[0].0),
            &format!("site {} g", sites[0].0),
            1,
        );
        assert_eq!(Profile::parse(&renamed, &l).unwrap().sites.len(), 2);
        for bad in [
            "garbage\n",
            "naruby-profile 1\nsite 1 f zz:1\n",
            "naruby-profile 1\nsite x f\n",
        ] {
            assert!(Profile::parse(bad, &l).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_name_means_the_callee_most_calls_reached() {
        let l = lowered(LATE);
        let sites = calls(&l, "f");
        let (first, second) = (l.defs[0], def_named(&l, "f"));
        assert_ne!(def_ident(&l.ast, first), def_ident(&l.ast, second));
        // counted over all sites of the name
        let profile = Profile {
            sites: vec![
                record(&l, sites[0], &[(first, 5)]),
                record(&l, sites[1], &[(first, 5), (second, 8)]),
                record(&l, sites[2], &[(second, 1)]),
            ],
        };
        assert_eq!(profile.choices(&l)["f"], def_ident(&l.ast, first));
        // a tie goes to the later definition
        let profile = Profile {
            sites: vec![record(&l, sites[0], &[(first, 2), (second, 2)])],
        };
        assert_eq!(profile.choices(&l)["f"], def_ident(&l.ast, second));
        // an identity the program does not define is never chosen
        let mut stray = record(&l, sites[0], &[(first, 1)]);
        stray.observation.callees = vec![([1, 2], 100)];
        let profile = Profile {
            sites: vec![stray, record(&l, sites[2], &[(second, 1)])],
        };
        assert_eq!(profile.choices(&l)["f"], def_ident(&l.ast, second));
    }

    #[test]
    fn entry_names_do_not_depend_on_the_order_of_the_records() {
        let l = lowered(
            "def f(a)\n  g(a) + 1\nend\ndef g(a)\n  b = a * 2\n  b\nend\n\
             def h(a)\n  f(a) + g(a)\nend\np h(1)\np f(2)\n",
        );
        let sites: Vec<NodeId> = l
            .ast
            .ids()
            .filter(|&id| has_target(l.ast.kind(id)))
            .collect();
        let records: Vec<SiteRecord> = sites
            .iter()
            .filter_map(|&site| {
                let name = l.ast.name(call_name(&l, site)?).to_string();
                // `p` is a builtin: no def, never observed
                let def = *l.defs.iter().rfind(|&&d| {
                    l.ast
                        .name(l.ast.operand_named(d, "name").as_name().unwrap())
                        == name
                })?;
                Some(SiteRecord {
                    site,
                    name,
                    observation: Observation {
                        callees: vec![(def_ident(&l.ast, def), 3)],
                    },
                })
            })
            .collect();
        assert!(records.len() >= 4);
        let forward = Profile {
            sites: records.clone(),
        };
        let backward = Profile {
            sites: records.into_iter().rev().collect(),
        };
        let symbols = |p: &Profile| crate::entries::entry_symbols(&l, &mut p.speculation(&l));
        assert_eq!(symbols(&forward), symbols(&backward));
        // and they are speculative: not the plain names
        let plain = crate::entries::entry_symbols(&l, &mut Speculation::none(&l.ast));
        assert_ne!(symbols(&forward), plain);
    }

    #[test]
    fn the_key_follows_the_program_structure_not_its_layout() {
        let a = lowered("def f(a)\n  a + 1\nend\np f(1)\n");
        let b = lowered("# same program\ndef f(a)\n  a + 1\nend\n\np f(1)\n");
        let c = lowered("def f(a)\n  a + 2\nend\np f(1)\n");
        assert_eq!(program_key(&a), program_key(&b));
        assert_ne!(program_key(&a), program_key(&c));
    }
}
