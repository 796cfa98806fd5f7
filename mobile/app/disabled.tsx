import { Screen } from '../src/components/screen';

export default function DisabledScreen() {
  return <Screen title="Your account is disabled">{null}</Screen>;
}
