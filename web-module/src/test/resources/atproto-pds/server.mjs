// The reference Bluesky PDS with an in-memory PLC directory, both on loopback, for the integration tests.
// Ports and directories come from the environment (see AtprotoPds in the test support); prints one READY line.
import { PDS, envToCfg, envToSecrets, readEnv } from '@atproto/pds'
import plc from '@did-plc/server'

const plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: Number(process.env.SYNDICAST_PLC_PORT) })
await plcServer.start()
process.env.PDS_DID_PLC_URL = `http://127.0.0.1:${process.env.SYNDICAST_PLC_PORT}`

const env = readEnv()
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
await pds.start()
console.log(`READY pds=${env.port} plc=${process.env.SYNDICAST_PLC_PORT}`)

const stop = async () => {
  await pds.destroy()
  await plcServer.destroy()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
// The test JVM holds our stdin; when it goes away (even killed), so do we.
process.stdin.on('end', stop)
process.stdin.resume()
